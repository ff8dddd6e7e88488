// The chat widget: sends each message to /chat and shows the replies in the log.
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

  function add(who, text) {
    var message = document.createElement("p");
    message.className = "chat-message " + (who === "You" ? "mine" : "theirs");
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
    add("You", text);
    busy(true);
    fetch(form.dataset.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify({ message: text })
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (answer) {
      if (!answer.ok) { status.textContent = answer.body.error || "Something went wrong."; return; }
      answer.body.replies.forEach(function (reply) { add("Assistant", reply); });
    }).catch(function () {
      status.textContent = "The assistant could not be reached. Check your connection and try again.";
    }).then(function () {
      busy(false);
      input.focus();
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { status.textContent = "Type a message first."; return; }
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
