// Active reading time on a lesson page. A second counts only while the tab is
// visible and someone is there: recent input, a playing <video>/<audio>, or a
// focused video embed. The seconds go to the server in small heartbeats; the
// server caps every beat and checks its own clock, and this script's part is
// to never claim time nobody spent (hidden or throttled tabs add nothing).
// Core logic takes an injected clock and transport so Node tests drive it.
(function () {
  "use strict";

  const INTERACTION_EVENTS = ["pointerdown", "pointermove", "keydown", "scroll", "wheel", "touchstart"];
  const MEDIA_EVENTS = ["play", "playing", "pause", "ended", "emptied"];
  const TICK_MS = 1000;
  // A tick adds at most this: Chrome throttles timers in hidden tabs and a
  // sleeping laptop suspends them, and such a gap must not become study time.
  const TICK_CAP_SECONDS = 2;
  // The server credits ~20 s a beat at most; a little more lets a beat after a
  // failed one catch up, and the server clamps the rest.
  const MAX_SECONDS_PER_BEAT = 60;
  const STOP_STATUSES = [401, 403, 404];

  class ActiveTimeCounter {
    constructor({ idleSeconds = 60, videoMaxSeconds = 1200, tickCapSeconds = TICK_CAP_SECONDS, visible = true, start = 0 } = {}) {
      this.idleMs = idleSeconds * 1000;
      this.videoMaxMs = videoMaxSeconds * 1000;
      this.tickCapMs = tickCapSeconds * 1000;
      this.visible = visible;
      this.lastInteraction = -Infinity;
      this.mediaPlaying = false;
      this.iframeFocusedAt = null;
      this.lastTick = start;
      this.pendingMs = 0;
      this.wasActive = this.isActive(start);
    }

    isActive(t) {
      if (!this.visible) return false;
      if (t - this.lastInteraction < this.idleMs) return true;
      if (this.mediaPlaying) return true;
      // A focused embed (YouTube, Vimeo) hides its events from us; trust it for
      // one video's length at most, not for a tab left open on it all day.
      return this.iframeFocusedAt !== null && t - this.iframeFocusedAt < this.videoMaxMs;
    }

    // Counts the wall time since the previous tick, only if the state was
    // active then and is active now, and never more than the cap.
    tick(t) {
      let addedMs = 0;
      if (t > this.lastTick) {
        if (this.wasActive && this.isActive(t)) addedMs = Math.min(t - this.lastTick, this.tickCapMs);
        this.lastTick = t;
      }
      this.pendingMs += addedMs;
      this.wasActive = this.isActive(this.lastTick);
      return addedMs / 1000;
    }

    // Every change first settles the time up to `t` under the old state, so a
    // change between two timer ticks takes effect when it happened.
    change(t, apply) {
      this.tick(t);
      apply();
      this.wasActive = this.isActive(this.lastTick);
    }

    onInteraction(t) {
      this.change(t, () => { this.lastInteraction = t; });
    }

    onVisibility(visible, t) {
      this.change(t, () => { this.visible = visible; });
    }

    onMediaPlaying(playing, t) {
      this.change(t, () => { this.mediaPlaying = playing; });
    }

    onIframeFocus(focused, t) {
      // Keep the first focus time: a repeated "focused" must not restart the bound.
      this.change(t, () => { this.iframeFocusedAt = focused ? (this.iframeFocusedAt ?? t) : null; });
    }

    // Whole seconds to send; the fraction stays for the next beat.
    take(maxSeconds = Infinity) {
      const seconds = Math.min(Math.floor(this.pendingMs / 1000), maxSeconds);
      this.pendingMs -= seconds * 1000;
      return seconds;
    }

    // Seconds a failed beat did not deliver, kept (bounded) for the next one.
    giveBack(seconds, maxSeconds = MAX_SECONDS_PER_BEAT) {
      this.pendingMs = Math.min(this.pendingMs + seconds * 1000, maxSeconds * 1000);
    }
  }

  class HeartbeatSender {
    // transport: { fetch, sendBeacon (optional), FormData (optional) }.
    constructor({ counter, url, csrfToken, intervalSeconds = 15, transport, onAnswer = () => {}, onStop = () => {} }) {
      this.counter = counter;
      this.url = url;
      this.csrfToken = csrfToken;
      this.intervalMs = intervalSeconds * 1000;
      this.transport = transport;
      this.onAnswer = onAnswer;
      this.onStop = onStop;
      this.nextBeatAt = counter.lastTick + this.intervalMs;
      this.inFlight = 0;
      this.skipNext = false;
      this.stopped = false;
    }

    // Called by the page's timer; returns the beat's promise when one was sent.
    tick(t) {
      this.counter.tick(t);
      if (this.stopped || this.inFlight > 0 || t < this.nextBeatAt) return null;
      this.nextBeatAt = t + this.intervalMs;
      if (this.skipNext) {
        this.skipNext = false;
        return null;
      }
      // Idle or hidden time adds nothing, so an idle page sends no beats.
      const seconds = this.counter.take(MAX_SECONDS_PER_BEAT);
      return seconds >= 1 ? this.post(seconds, false) : null;
    }

    // On hide or page exit: a beacon survives the page going away, a normal
    // fetch may be cancelled. Beacons cannot set headers, so the CSRF token
    // travels in the form body.
    flush() {
      if (this.stopped) return false;
      const seconds = this.counter.take(MAX_SECONDS_PER_BEAT);
      if (seconds < 1) return false;
      const { sendBeacon, FormData } = this.transport;
      if (sendBeacon && FormData) {
        const data = new FormData();
        data.append("seconds", String(seconds));
        data.append("csrfmiddlewaretoken", this.csrfToken);
        try {
          if (sendBeacon(this.url, data)) return true;
        } catch (error) {
          // Refused (quota, policy): fall back to a keepalive fetch below.
        }
      }
      this.post(seconds, true);
      return true;
    }

    async post(seconds, keepalive) {
      this.inFlight += 1;
      let response;
      try {
        response = await this.transport.fetch(this.url, {
          method: "POST",
          credentials: "same-origin",
          keepalive,
          headers: { "Content-Type": "application/json", "X-CSRFToken": this.csrfToken },
          body: JSON.stringify({ seconds }),
        });
      } catch (error) {
        this.counter.giveBack(seconds); // offline: the seconds go with the next beat
        return;
      } finally {
        this.inFlight -= 1;
      }
      if (response.ok) {
        let answer = null;
        try {
          answer = await response.json();
        } catch (error) {
          return; // credited, but nothing to show
        }
        if (answer) this.onAnswer(answer);
      } else if (STOP_STATUSES.includes(response.status)) {
        // Signed out, forbidden or lesson gone: retrying would only repeat it.
        this.stop();
      } else if (response.status === 429) {
        this.skipNext = true;
        this.counter.giveBack(seconds);
      } else if (response.status >= 500) {
        this.counter.giveBack(seconds);
      }
      // Any other 4xx refused this beat as malformed; sending it again would too.
    }

    stop() {
      if (this.stopped) return;
      this.stopped = true;
      this.onStop();
    }
  }

  // The same wording as the server's: whole minutes, rounded down.
  function formatActiveTime(seconds, patterns) {
    const total = Math.max(0, Math.floor(seconds));
    const values = { hours: Math.floor(total / 3600), minutes: Math.floor((total % 3600) / 60) };
    let pattern = patterns.lessThanMinute;
    if (total >= 3600) pattern = patterns.hours;
    else if (total >= 60) {
      pattern = patterns.minutes;
      values.minutes = Math.floor(total / 60);
    }
    // Python's %-formatting: "%(name)s" placeholders and "%%" for a percent sign.
    return String(pattern || "").replace(/%\((\w+)\)s|%%/g, (match, name) =>
      name === undefined ? "%" : String(values[name] ?? match));
  }

  function readConfig(root) {
    const number = (name, fallback) => {
      const value = Number(root.getAttribute(name));
      return Number.isFinite(value) && value > 0 ? value : fallback;
    };
    return {
      url: root.getAttribute("data-heartbeat-url"),
      csrfToken: root.getAttribute("data-csrf-token") || "",
      intervalSeconds: number("data-interval-seconds", 15),
      idleSeconds: number("data-idle-seconds", 60),
      videoMaxSeconds: number("data-video-max-seconds", 1200),
      patterns: {
        lessThanMinute: root.getAttribute("data-format-less-than-minute") || "",
        minutes: root.getAttribute("data-format-minutes") || "%(minutes)s",
        hours: root.getAttribute("data-format-hours") || "%(hours)s:%(minutes)s",
      },
    };
  }

  // Shows the server's answer on the page: the time so far, and the lesson's
  // completed state the first time the server reports it.
  function applyAnswer(root, answer, patterns) {
    if (typeof answer.active_seconds === "number") {
      const text = formatActiveTime(answer.active_seconds, patterns);
      root.querySelectorAll("[data-lesson-time]").forEach((el) => { el.textContent = text; });
    }
    if (answer.completed === true && root.getAttribute("data-completed") === "false") {
      root.setAttribute("data-completed", "true");
      root.querySelectorAll("[data-show-when-completed]").forEach((el) => el.removeAttribute("hidden"));
      root.querySelectorAll("[data-hide-when-completed]").forEach((el) => el.setAttribute("hidden", ""));
      root.dispatchEvent(new CustomEvent("lesson:completed", { bubbles: true, detail: answer }));
    }
  }

  function startTracker(root) {
    const config = readConfig(root);
    if (!config.url) return null;
    const doc = root.ownerDocument;
    const win = doc.defaultView;
    // Monotonic: a system clock change must not add or remove time.
    const now = () => win.performance.now();
    const isVisible = () => doc.visibilityState === "visible";
    const counter = new ActiveTimeCounter({
      idleSeconds: config.idleSeconds,
      videoMaxSeconds: config.videoMaxSeconds,
      visible: isVisible(),
      start: now(),
    });
    // Opening the lesson in a visible tab is itself a sign someone is there.
    if (isVisible()) counter.onInteraction(now());

    const listeners = [];
    const listen = (target, type, handler, options) => {
      target.addEventListener(type, handler, options);
      listeners.push([target, type, handler, options]);
    };
    const nav = win.navigator;
    let timer = null;
    const sender = new HeartbeatSender({
      counter,
      url: config.url,
      csrfToken: config.csrfToken,
      intervalSeconds: config.intervalSeconds,
      transport: {
        fetch: win.fetch.bind(win),
        sendBeacon: nav && nav.sendBeacon ? nav.sendBeacon.bind(nav) : null,
        FormData: win.FormData,
      },
      onAnswer: (answer) => applyAnswer(root, answer, config.patterns),
      onStop: () => {
        win.clearInterval(timer);
        listeners.forEach(([target, type, handler, options]) => target.removeEventListener(type, handler, options));
      },
    });

    const interacted = () => counter.onInteraction(now());
    INTERACTION_EVENTS.forEach((type) => listen(doc, type, interacted, { capture: true, passive: true }));
    listen(doc, "visibilitychange", () => {
      counter.onVisibility(isVisible(), now());
      if (!isVisible()) sender.flush();
    });
    listen(win, "pagehide", () => {
      counter.tick(now());
      sender.flush();
    });
    // Media events do not bubble; listening in the capture phase on the root
    // also covers players added after the page loaded.
    const mediaChanged = () => {
      const playing = Array.from(root.querySelectorAll("video, audio")).some((m) => !m.paused && !m.ended);
      counter.onMediaPlaying(playing, now());
    };
    MEDIA_EVENTS.forEach((type) => listen(root, type, mediaChanged, true));
    // Focus moving into an iframe blurs the window; activeElement is settled
    // only after the blur event, hence the zero timeout.
    listen(win, "blur", () => {
      win.setTimeout(() => {
        const el = doc.activeElement;
        if (el && el.tagName === "IFRAME" && root.contains(el)) counter.onIframeFocus(true, now());
      }, 0);
    });
    listen(win, "focus", () => counter.onIframeFocus(false, now()));
    timer = win.setInterval(() => sender.tick(now()), TICK_MS);
    return sender;
  }

  function startAll(doc) {
    doc.querySelectorAll("[data-lesson-tracker]").forEach((root) => startTracker(root));
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = {
      ActiveTimeCounter,
      HeartbeatSender,
      formatActiveTime,
      readConfig,
      applyAnswer,
      startTracker,
      MAX_SECONDS_PER_BEAT,
      TICK_CAP_SECONDS,
    };
  } else if (typeof document !== "undefined") {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", () => startAll(document));
    } else {
      startAll(document);
    }
  }
})();
