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
  var typing = document.getElementById("chat-typing");
  // The page's words and language (set by the template in the page's language).
  var words = section.dataset;

  // Web addresses in a reply become links (the text around them stays plain text);
  // the same rule as the linkify template filter (bot/web/links.py).
  var ADDRESS = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g;

  function appendWithLinks(parent, text) {
    var last = 0;
    text.replace(ADDRESS, function (address, at) {
      parent.appendChild(document.createTextNode(text.slice(last, at)));
      var link = document.createElement("a");
      link.href = address;
      link.textContent = address;
      parent.appendChild(link);
      last = at + address.length;
      return address;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  // Numbered lines ("1) Forklift operator...") are a list, so a screen reader says
  // "list, 3 items"; each keeps its number, which is what a person types to choose.
  var NUMBERED = /^\d+\) /;

  function appendReply(parent, text) {
    var list = null;
    text.split("\n").forEach(function (line, index) {
      if (NUMBERED.test(line)) {
        if (!list) {
          list = document.createElement("ol");
          list.className = "chat-list";
          parent.appendChild(list);
        }
        var item = document.createElement("li");
        appendWithLinks(item, line);
        list.appendChild(item);
        return;
      }
      list = null;
      if (index > 0 && parent.lastChild && parent.lastChild.nodeName !== "OL") {
        parent.appendChild(document.createTextNode("\n"));
      }
      appendWithLinks(parent, line);
    });
  }

  function add(who, text) {
    var message = document.createElement("div");
    message.className = "chat-message " + (who === words.you ? "mine" : "theirs");
    var label = document.createElement("span");
    label.className = "chat-who";
    label.textContent = who + ": ";
    message.appendChild(label);
    appendReply(message, text);
    log.appendChild(message);
    log.scrollTop = log.scrollHeight;
    return message;
  }

  // A message the assistant never got stays in the log marked as not sent, and its
  // words go back into the message box so that nothing typed is lost.
  function notSent(message, text, error) {
    message.classList.add("not-sent");
    var mark = document.createElement("span");
    mark.className = "chat-not-sent";
    mark.textContent = " (" + words.notSent + ")";
    message.appendChild(mark);
    status.textContent = error;
    if (!input.value) { input.value = text; }
  }

  function busy(on) {
    send.disabled = on;
    // Only the form is busy: a log marked busy and then not may be read out again
    // whole, and each reply should be heard once, as it arrives.
    form.setAttribute("aria-busy", on ? "true" : "false");
    typing.hidden = !on;
  }

  function say(text) {
    status.textContent = "";
    var mine = add(words.you, text);
    busy(true);
    fetch(form.dataset.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify({ message: text, language: words.language })
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (answer) {
      if (!answer.ok) { notSent(mine, text, answer.body.error || words.failed); return; }
      answer.body.replies.forEach(function (reply) { add(words.assistant, reply); });
    }).catch(function () {
      notSent(mine, text, words.unreachable);
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
