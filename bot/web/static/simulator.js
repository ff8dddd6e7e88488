// The phone simulator without page loads: the form is posted by fetch (asking for
// JSON), the thread is refreshed in place while replies arrive, and only replies
// new since the page opened are read out (the #simulator-news live region). If the
// assistant does not take the text, the error shows and the typed words stay.
// Without JavaScript the form posts and the page comes back as usual.
(function () {
  "use strict";
  var form = document.getElementById("simulator");
  if (!form || !window.fetch || !window.FormData) { return; }
  var screen = document.getElementById("phone-screen");
  var thread = document.getElementById("thread");
  var body = document.getElementById("body");
  var phone = document.getElementById("phone");
  var send = document.getElementById("send");
  var error = document.getElementById("simulator-error");
  var news = document.getElementById("simulator-news");
  var refreshLink = document.getElementById("refresh");
  var words = form.dataset;
  var threadUrl = words.threadUrl;
  var POLL_MS = 1000;
  var POLLS = 40;
  var polls = 0;
  var timer = null;

  function replies(list) {
    return Array.prototype.slice.call(list.querySelectorAll("li.theirs[data-key]"));
  }

  // The replies already on the page are not news; nor, once another number is texted
  // from, are that number's replies from before the text just sent.
  var seen = {};
  var otherNumber = false;
  replies(thread).forEach(function (reply) { seen[reply.dataset.key] = true; });

  function seenBeforeLastSent(list) {
    var texts = list.querySelectorAll("li.bubble");
    var sent = list.querySelectorAll("li.mine");
    var last = sent.length ? sent[sent.length - 1] : null;
    for (var i = 0; last && texts[i] !== last; i += 1) {
      if (texts[i].classList.contains("theirs")) { seen[texts[i].dataset.key] = true; }
    }
  }

  // Put the thread fragment ``html`` in place; read out the replies it brings.
  function show(html) {
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var fresh = holder.querySelector("#thread");
    if (!fresh || fresh.innerHTML === thread.innerHTML) { return; }
    if (otherNumber) { seenBeforeLastSent(fresh); otherNumber = false; }
    var said = [];
    replies(fresh).forEach(function (reply) {
      if (seen[reply.dataset.key]) { return; }
      seen[reply.dataset.key] = true;
      said.push(reply.querySelector(".text").textContent);
    });
    thread.innerHTML = fresh.innerHTML;
    // The newest text is at the bottom: scroll there (0 is the bottom of a
    // column-reverse box).
    screen.scrollTop = 0;
    if (said.length) { news.textContent = words.assistant + ": " + said.join("\n"); }
  }

  function refresh() {
    fetch(threadUrl, { credentials: "same-origin" }).then(function (response) {
      return response.ok ? response.text() : null;
    }).then(function (html) {
      if (html) { show(html); }
    }).catch(function () {});
  }

  // Replies arrive a moment after the text is sent: look again for a while.
  function poll() {
    polls = 0;
    if (timer) { clearInterval(timer); }
    timer = setInterval(function () {
      polls += 1;
      if (polls >= POLLS) { clearInterval(timer); timer = null; }
      refresh();
    }, POLL_MS);
  }

  function busy(on) {
    send.disabled = on;
    form.setAttribute("aria-busy", on ? "true" : "false");
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    error.textContent = "";
    busy(true);
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (answer) {
        return { ok: response.ok, answer: answer };
      });
    }).then(function (result) {
      if (!result.ok) {
        error.textContent = result.answer.error || words.failed;
        return;
      }
      body.value = "";
      phone.value = result.answer.phone;
      otherNumber = otherNumber || threadUrl !== result.answer.thread_url;
      threadUrl = result.answer.thread_url;
      refreshLink.href = result.answer.page_url;
      if (window.history.replaceState) {
        window.history.replaceState(null, "", result.answer.page_url);
      }
      refresh();
      poll();
    }).catch(function () {
      error.textContent = words.failed;
    }).then(function () {
      busy(false);
      body.focus();
    });
  });

  // The page may have opened just after a text was sent: look for replies once.
  poll();
})();
