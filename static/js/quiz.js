// The quiz screen's clock: counts down the time the server computed and, at zero,
// hands the attempt in (saving an answer being typed first). The server keeps the
// real deadline: without this script, answers after it are refused all the same.
(function () {
  "use strict";
  var timer = document.querySelector("[data-quiz-timer]");
  if (!timer) return;
  var seconds = parseInt(timer.getAttribute("data-seconds"), 10);
  if (isNaN(seconds)) return;

  var value = timer.querySelector("[data-quiz-timer-value]");
  var alert = timer.querySelector("[data-quiz-timer-alert]");
  var answerForm = document.querySelector("[data-quiz-answer-form]");
  var submitForm = document.querySelector("[data-quiz-submit-form]");
  var endsAt = Date.now() + seconds * 1000;
  var changed = false;
  var warned = seconds <= 60;
  var handedIn = false;
  var interval = null;

  if (answerForm) {
    answerForm.addEventListener("input", function () { changed = true; });
    answerForm.addEventListener("change", function () { changed = true; });
    answerForm.addEventListener("submit", function () { handedIn = true; });
  }

  function pad(number) {
    return number < 10 ? "0" + number : String(number);
  }

  function clock(left) {
    var hours = Math.floor(left / 3600);
    var minutes = Math.floor((left % 3600) / 60);
    var secs = left % 60;
    return hours ? hours + ":" + pad(minutes) + ":" + pad(secs) : minutes + ":" + pad(secs);
  }

  function handIn() {
    if (handedIn) return;
    handedIn = true;
    if (answerForm && changed) {
      // Save what is on the page, then submit: the server's grace period covers the trip.
      var then = document.createElement("input");
      then.type = "hidden";
      then.name = "then";
      then.value = "submit";
      answerForm.appendChild(then);
      answerForm.submit();
    } else if (submitForm) {
      submitForm.submit();
    }
  }

  function tick() {
    var left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
    if (value) value.textContent = clock(left);
    if (left <= 60) {
      timer.classList.add("quiz-timer--ending");
      if (!warned && alert) {
        alert.textContent = timer.getAttribute("data-one-minute") || "";
        warned = true;
      }
    }
    if (left === 0) {
      timer.classList.add("quiz-timer--up");
      window.clearInterval(interval);
      handIn();
    }
  }

  interval = window.setInterval(tick, 1000);
  tick();
})();
