// Specification of the lesson page's active-time tracker (static/js/lesson-tracker.js).
// Run with `node --test tests/js/`; times are in milliseconds from an injected clock.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const SOURCE = path.join(__dirname, "..", "..", "static", "js", "lesson-tracker.js");
const {
  ActiveTimeCounter,
  HeartbeatSender,
  formatActiveTime,
  readConfig,
  applyAnswer,
  startTracker,
} = require(SOURCE);

const S = 1000;
const TOKEN = "csrf-token-123";
const URL = "/lessons/12/heartbeat/";
const PATTERNS = {
  lessThanMinute: "less than a minute",
  minutes: "%(minutes)s min",
  hours: "%(hours)s h %(minutes)s min",
};

// Ticks the counter (or sender) once a second from `from` to `to` seconds, inclusive.
function tickEvery(target, from, to, each = () => {}) {
  for (let s = from; s <= to; s += 1) {
    each(s * S);
    target.tick(s * S);
  }
}

function response(status, body = {}) {
  return { ok: status >= 200 && status < 300, status, json: async () => body };
}

// A fetch that records its calls and answers from `answers` (a status, a body, or an Error).
function fakeTransport({ answers = [], beacon } = {}) {
  const calls = [];
  const beacons = [];
  const transport = {
    calls,
    beacons,
    FormData,
    fetch: async (url, init) => {
      calls.push({ url, init, seconds: JSON.parse(init.body).seconds });
      const answer = answers.length ? answers.shift() : 200;
      if (answer instanceof Error) throw answer;
      if (typeof answer === "number") return response(answer, answer === 200 ? {} : { error: "no" });
      return response(200, answer);
    },
    sendBeacon:
      beacon === undefined
        ? null
        : (url, data) => {
            beacons.push({ url, data });
            return beacon;
          },
  };
  return transport;
}

function playingSender(transport, options = {}) {
  const counter = new ActiveTimeCounter({ start: 0 });
  counter.onMediaPlaying(true, 0);
  const sender = new HeartbeatSender({ counter, url: URL, csrfToken: TOKEN, transport, ...options });
  return { counter, sender };
}

// Drives the sender once a second, awaiting each beat so answers are handled in order.
async function runSender(sender, from, to) {
  for (let s = from; s <= to; s += 1) await sender.tick(s * S);
}

test("time stops counting once the idle window has passed since the last interaction", () => {
  const counter = new ActiveTimeCounter({ idleSeconds: 60, start: 0 });
  counter.onInteraction(0);
  tickEvery(counter, 1, 59);
  assert.equal(counter.take(), 59);
  tickEvery(counter, 60, 300);
  assert.equal(counter.take(), 0);
});

test("an interaction after being idle starts counting again", () => {
  const counter = new ActiveTimeCounter({ idleSeconds: 60, start: 0 });
  tickEvery(counter, 1, 100);
  counter.onInteraction(100 * S);
  tickEvery(counter, 101, 110);
  assert.equal(counter.take(), 10);
});

test("a hidden tab never counts, even with interactions and playing media", () => {
  const counter = new ActiveTimeCounter({ visible: false, start: 0 });
  counter.onMediaPlaying(true, 0);
  counter.onIframeFocus(true, 0);
  tickEvery(counter, 1, 600, (t) => counter.onInteraction(t));
  assert.equal(counter.take(), 0);
});

test("time stops the moment the tab is hidden, not at the next tick", () => {
  const counter = new ActiveTimeCounter({ start: 0 });
  counter.onInteraction(0);
  tickEvery(counter, 1, 10);
  counter.onVisibility(false, 10.5 * S);
  tickEvery(counter, 11, 30, (t) => counter.onInteraction(t));
  assert.equal(counter.take(), 10);
  assert.equal(counter.pendingMs, 500);
});

test("a throttled timer with a two-minute gap adds at most the per-tick cap", () => {
  const counter = new ActiveTimeCounter({ start: 0 });
  counter.onMediaPlaying(true, 0);
  assert.equal(counter.tick(120 * S), 2);
  assert.equal(counter.take(), 2);
});

test("a tab hidden and shown again between two ticks adds nothing for the hidden time", () => {
  const counter = new ActiveTimeCounter({ start: 0 });
  counter.onMediaPlaying(true, 0);
  counter.onVisibility(false, 0.5 * S);
  counter.onVisibility(true, 100 * S);
  counter.tick(101 * S);
  assert.equal(counter.pendingMs, 1500);
});

test("playing media counts without any interaction, and pausing stops it", () => {
  const counter = new ActiveTimeCounter({ idleSeconds: 60, start: 0 });
  counter.onMediaPlaying(true, 0);
  tickEvery(counter, 1, 300);
  counter.onMediaPlaying(false, 300 * S);
  tickEvery(counter, 301, 600);
  assert.equal(counter.take(), 300);
});

test("a focused video iframe counts up to the video maximum and no longer", () => {
  const counter = new ActiveTimeCounter({ videoMaxSeconds: 100, start: 0 });
  counter.onIframeFocus(true, 0);
  // Focus reported again must not restart the bound.
  tickEvery(counter, 1, 400, (t) => counter.onIframeFocus(true, t));
  const seconds = counter.take();
  assert.ok(seconds >= 99 && seconds <= 100, `counted ${seconds} s`);
});

test("leaving the iframe stops its credit", () => {
  const counter = new ActiveTimeCounter({ start: 0 });
  counter.onIframeFocus(true, 0);
  tickEvery(counter, 1, 20);
  counter.onIframeFocus(false, 20 * S);
  tickEvery(counter, 21, 100);
  assert.equal(counter.take(), 20);
});

test("take() returns whole seconds and keeps the fraction for the next beat", () => {
  const counter = new ActiveTimeCounter({ start: 0 });
  counter.onMediaPlaying(true, 0);
  counter.tick(1.5 * S);
  assert.equal(counter.take(), 1);
  counter.tick(3 * S);
  assert.equal(counter.take(), 2);
  assert.equal(counter.pendingMs, 0);
});

test("take() never hands out more than asked", () => {
  const counter = new ActiveTimeCounter({ start: 0 });
  counter.onMediaPlaying(true, 0);
  tickEvery(counter, 1, 90);
  assert.equal(counter.take(60), 60);
  assert.equal(counter.take(60), 30);
});

test("beats go out every interval while active and stop when the person is idle", async () => {
  const transport = fakeTransport();
  const counter = new ActiveTimeCounter({ idleSeconds: 60, start: 0 });
  counter.onInteraction(0);
  const sender = new HeartbeatSender({ counter, url: URL, csrfToken: TOKEN, intervalSeconds: 15, transport });
  await runSender(sender, 1, 300);
  assert.deepEqual(transport.calls.map((c) => c.seconds), [15, 15, 15, 14]);
  const init = transport.calls[0].init;
  assert.equal(transport.calls[0].url, URL);
  assert.equal(init.method, "POST");
  assert.equal(init.credentials, "same-origin");
  assert.equal(init.headers["X-CSRFToken"], TOKEN);
  assert.equal(init.headers["Content-Type"], "application/json");
  assert.deepEqual(JSON.parse(init.body), { seconds: 15 });
});

test("flushing on hide sends a beacon whose form carries the CSRF token", () => {
  const transport = fakeTransport({ beacon: true });
  const { counter, sender } = playingSender(transport);
  tickEvery(counter, 1, 7);
  counter.onVisibility(false, 7.4 * S);
  assert.equal(sender.flush(), true);
  assert.equal(transport.beacons.length, 1);
  const { url, data } = transport.beacons[0];
  assert.equal(url, URL);
  assert.ok(data instanceof FormData);
  assert.equal(data.get("seconds"), "7");
  assert.equal(data.get("csrfmiddlewaretoken"), TOKEN);
  assert.equal(transport.calls.length, 0);
  assert.equal(counter.pendingMs, 400);
});

test("flushing with less than a second pending sends nothing", () => {
  const transport = fakeTransport({ beacon: true });
  const { counter, sender } = playingSender(transport);
  counter.tick(0.8 * S);
  assert.equal(sender.flush(), false);
  assert.equal(transport.beacons.length + transport.calls.length, 0);
});

test("a refused beacon falls back to a keepalive fetch", async () => {
  const transport = fakeTransport({ beacon: false });
  const { counter, sender } = playingSender(transport);
  tickEvery(counter, 1, 5);
  assert.equal(sender.flush(), true);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(transport.beacons.length, 1);
  assert.equal(transport.calls.length, 1);
  assert.equal(transport.calls[0].init.keepalive, true);
  assert.equal(transport.calls[0].init.headers["X-CSRFToken"], TOKEN);
  assert.equal(transport.calls[0].seconds, 5);
});

test("without sendBeacon the flush uses a keepalive fetch", () => {
  const transport = fakeTransport();
  const { counter, sender } = playingSender(transport);
  tickEvery(counter, 1, 3);
  sender.flush();
  assert.equal(transport.calls.length, 1);
  assert.equal(transport.calls[0].init.keepalive, true);
});

test("a 429 skips the next beat and keeps the seconds for the one after", async () => {
  const transport = fakeTransport({ answers: [429] });
  const { sender } = playingSender(transport, { intervalSeconds: 15 });
  await runSender(sender, 1, 45);
  // 15 refused at 15 s, the beat at 30 s skipped, then 15 kept + 30 new.
  assert.deepEqual(transport.calls.map((c) => c.seconds), [15, 45]);
});

test("a 401 stops tracking: no more beats, no flush, onStop called once", async () => {
  for (const status of [401, 403, 404]) {
    const transport = fakeTransport({ answers: [status], beacon: true });
    let stops = 0;
    const { sender } = playingSender(transport, { onStop: () => { stops += 1; } });
    await runSender(sender, 1, 120);
    assert.equal(transport.calls.length, 1, `status ${status}`);
    assert.equal(sender.flush(), false);
    assert.equal(transport.beacons.length, 0);
    assert.equal(stops, 1);
  }
});

test("a network error keeps the seconds and retries with the next beat", async () => {
  const transport = fakeTransport({ answers: [new TypeError("offline"), new TypeError("offline")] });
  const { sender } = playingSender(transport, { intervalSeconds: 15 });
  await runSender(sender, 1, 45);
  assert.deepEqual(transport.calls.map((c) => c.seconds), [15, 30, 45]);
});

test("a long outage never sends more than the per-beat maximum", async () => {
  const answers = Array.from({ length: 20 }, () => new TypeError("offline"));
  const transport = fakeTransport({ answers });
  const { sender } = playingSender(transport, { intervalSeconds: 15 });
  await runSender(sender, 1, 600);
  assert.ok(transport.calls.every((c) => c.seconds <= 60));
  assert.equal(Math.max(...transport.calls.map((c) => c.seconds)), 60);
});

test("the server's answer reaches onAnswer", async () => {
  const answer = { credited: 15, active_seconds: 75, completed: false };
  const transport = fakeTransport({ answers: [answer] });
  const answers = [];
  const { sender } = playingSender(transport, { onAnswer: (a) => answers.push(a) });
  await runSender(sender, 1, 15);
  assert.deepEqual(answers, [answer]);
});

test("time is formatted like the server formats it", () => {
  const cases = [
    [0, "less than a minute"],
    [59, "less than a minute"],
    [60, "1 min"],
    [3599, "59 min"],
    [3600, "1 h 0 min"],
    [3725, "1 h 2 min"],
  ];
  for (const [seconds, text] of cases) assert.equal(formatActiveTime(seconds, PATTERNS), text, `${seconds} s`);
});

test("formatting follows translated patterns, including a literal percent sign", () => {
  const patterns = { lessThanMinute: "< 1", minutes: "%(minutes)s Min. (100%%)", hours: "%(minutes)s/%(hours)s" };
  assert.equal(formatActiveTime(120, patterns), "2 Min. (100%)");
  assert.equal(formatActiveTime(7260, patterns), "1/2");
});

// A tiny element: attributes, a fixed selector -> children map, recorded events.
function fakeElement(attributes = {}, children = {}) {
  const attrs = new Map(Object.entries(attributes));
  return {
    textContent: "",
    events: [],
    getAttribute: (name) => (attrs.has(name) ? attrs.get(name) : null),
    setAttribute: (name, value) => attrs.set(name, String(value)),
    removeAttribute: (name) => attrs.delete(name),
    hasAttribute: (name) => attrs.has(name),
    querySelectorAll: (selector) => children[selector] || [],
    dispatchEvent(event) {
      this.events.push(event);
      return true;
    },
  };
}

test("an answer updates the time display", () => {
  const display = fakeElement();
  const root = fakeElement({ "data-completed": "false" }, { "[data-lesson-time]": [display] });
  applyAnswer(root, { credited: 15, active_seconds: 3725, completed: false }, PATTERNS);
  assert.equal(display.textContent, "1 h 2 min");
  assert.equal(root.getAttribute("data-completed"), "false");
  assert.equal(root.events.length, 0);
});

test("completion reveals and hides the marked elements and announces it once", () => {
  const shown = fakeElement({ hidden: "" });
  const hidden = fakeElement();
  const root = fakeElement(
    { "data-completed": "false" },
    { "[data-show-when-completed]": [shown], "[data-hide-when-completed]": [hidden] },
  );
  const answer = { credited: 15, active_seconds: 600, completed: true };
  applyAnswer(root, answer, PATTERNS);
  assert.equal(root.getAttribute("data-completed"), "true");
  assert.equal(shown.hasAttribute("hidden"), false);
  assert.equal(hidden.hasAttribute("hidden"), true);
  assert.equal(root.events.length, 1);
  assert.equal(root.events[0].type, "lesson:completed");
  assert.deepEqual(root.events[0].detail, answer);
  applyAnswer(root, answer, PATTERNS);
  assert.equal(root.events.length, 1);
});

test("a lesson completed before the page loaded is not announced again", () => {
  const root = fakeElement({ "data-completed": "true" });
  applyAnswer(root, { credited: 1, active_seconds: 60, completed: true }, PATTERNS);
  assert.equal(root.events.length, 0);
});

test("configuration comes from the root's data attributes, with defaults", () => {
  const root = fakeElement({
    "data-heartbeat-url": URL,
    "data-csrf-token": TOKEN,
    "data-interval-seconds": "10",
    "data-idle-seconds": "nonsense",
    "data-format-minutes": "%(minutes)s Minuten",
  });
  const config = readConfig(root);
  assert.equal(config.url, URL);
  assert.equal(config.csrfToken, TOKEN);
  assert.equal(config.intervalSeconds, 10);
  assert.equal(config.idleSeconds, 60);
  assert.equal(config.videoMaxSeconds, 1200);
  assert.equal(config.patterns.minutes, "%(minutes)s Minuten");
});

// A fake page built on Node's EventTarget: enough for startTracker's wiring.
function fakePage({ beacon = true } = {}) {
  const clock = { t: 0 };
  const win = new EventTarget();
  const doc = new EventTarget();
  const root = new EventTarget();
  const beacons = [];
  const fetched = [];
  const timers = [];
  Object.assign(win, {
    performance: { now: () => clock.t },
    navigator: { sendBeacon: (url, data) => beacons.push({ url, data }) && beacon },
    fetch: async (url, init) => {
      fetched.push(JSON.parse(init.body).seconds);
      return response(200, {});
    },
    FormData,
    setInterval: (fn) => timers.push(fn),
    clearInterval: () => {},
    setTimeout: (fn) => fn(),
  });
  Object.assign(doc, { defaultView: win, visibilityState: "visible", activeElement: null });
  const attrs = { "data-heartbeat-url": URL, "data-csrf-token": TOKEN };
  Object.assign(root, {
    ownerDocument: doc,
    getAttribute: (name) => attrs[name] ?? null,
    querySelectorAll: () => [],
    contains: () => true,
  });
  const advance = (seconds) => {
    for (let i = 0; i < seconds; i += 1) {
      clock.t += S;
      timers.forEach((fn) => fn());
    }
  };
  return { win, doc, root, beacons, fetched, advance };
}

test("on a page, hiding the tab flushes the active seconds by beacon", () => {
  const page = fakePage();
  startTracker(page.root);
  page.advance(10);
  page.doc.visibilityState = "hidden";
  page.doc.dispatchEvent(new Event("visibilitychange"));
  assert.equal(page.beacons.length, 1);
  assert.equal(page.beacons[0].data.get("seconds"), "10");
  assert.equal(page.beacons[0].data.get("csrfmiddlewaretoken"), TOKEN);
  page.advance(600);
  page.win.dispatchEvent(new Event("pagehide"));
  assert.equal(page.beacons.length, 1);
});

test("on a page, focus moving into an embedded video keeps counting", () => {
  const page = fakePage();
  const sender = startTracker(page.root);
  page.doc.activeElement = { tagName: "IFRAME" };
  page.win.dispatchEvent(new Event("blur"));
  page.advance(300); // well past the 60 s idle window of the page's opening
  const total = page.fetched.reduce((a, b) => a + b, 0) + sender.counter.pendingMs / S;
  assert.equal(total, 300);
});

test("in a browser the script defines no globals", () => {
  const document = { readyState: "complete", querySelectorAll: () => [] };
  const context = vm.createContext({ document });
  vm.runInContext(fs.readFileSync(SOURCE, "utf8"), context);
  assert.deepEqual(Object.keys(context), ["document"]);
});
