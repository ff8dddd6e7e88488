// The chat widget: sends each message to /chat, with the page's language, and shows
// the replies in the log. Its words come from the page (data- attributes of #chat).
// Keyboard only works throughout: Enter sends, focus stays in the message box, and
// Tab moves on through the page as usual (nothing traps it).
//
// Any button on the page with a data-chat-message attribute sends that message for
// the person (the courses page's Enroll buttons send "enroll <course code>"). Such
// buttons, and anything marked data-needs-chat, stay hidden without JavaScript.
(function () {
  "use strict";
  var section = document.getElementById("chat");
  if (!section || !window.fetch) { return; }
  var form = document.getElementById("chat-form");
  var input = document.getElementById("chat-input");
  var send = document.getElementById("chat-send");
  var log = document.getElementById("chat-log");
  var status = document.getElementById("chat-status");
  // The page's words and language (set by the template in the page's language).
  var words = section.dataset;

  function add(who, text) {
    var message = document.createElement("p");
    message.className = "chat-message " + (who === words.you ? "mine" : "theirs");
    var label = document.createElement("span");
    label.className = "chat-who";
    label.textContent = who + ": ";
    message.appendChild(label);
    message.appendChild(document.createTextNode(text));
    log.appendChild(message);
    log.scrollTop = log.scrollHeight;
  }

  function busy(on) {
    send.disabled = on;
    form.setAttribute("aria-busy", on ? "true" : "false");
  }

  function say(text) {
    status.textContent = "";
    add(words.you, text);
    busy(true);
    fetch(form.dataset.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify({ message: text, language: words.language })
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (answer) {
      if (!answer.ok) { status.textContent = answer.body.error || words.failed; return; }
      answer.body.replies.forEach(function (reply) { add(words.assistant, reply); });
    }).catch(function () {
      status.textContent = words.unreachable;
    }).then(function () {
      busy(false);
      input.focus();
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { status.textContent = words.empty; return; }
    input.value = "";
    say(text);
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-chat-message]") : null;
    if (!button || send.disabled) { return; }
    section.scrollIntoView({ block: "nearest" });
    input.focus();
    say(button.dataset.chatMessage);
  });

  document.querySelectorAll("[data-chat-message], [data-needs-chat]").forEach(function (element) {
    element.hidden = false;
  });
  section.hidden = false;
})();
