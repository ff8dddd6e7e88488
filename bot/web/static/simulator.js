// Replies arrive a moment after the text is sent: refresh the thread for a while.
(function () {
  var phone = document.querySelector(".phone");
  if (!phone) return;
  var url = phone.getAttribute("data-thread-url");
  var polls = 0;
  function refresh() {
    fetch(url).then(function (response) {
      return response.ok ? response.text() : null;
    }).then(function (html) {
      var current = document.getElementById("thread");
      if (html && current && current.outerHTML.trim() !== html.trim()) {
        current.outerHTML = html;
      }
    }).catch(function () {});
    polls += 1;
    if (polls < 40) setTimeout(refresh, 1000);
  }
  setTimeout(refresh, 500);
})();
