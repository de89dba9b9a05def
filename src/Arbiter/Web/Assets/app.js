// Progressive enhancement only: every page works without it.
"use strict";

// Countdowns run against the server's clock (which may be a sandbox's simulated one), not the device's,
// in the page's language: the same words the server wrote ("in 3 days", "через 3 дня", "3天后").
function startCountdowns() {
  const clocks = document.querySelectorAll("time.countdown");
  if (clocks.length === 0) return;
  const offset = Date.parse(clocks[0].dataset.now) - Date.now();
  const words = new Intl.RelativeTimeFormat(document.documentElement.lang || "en", { numeric: "always" });
  const up = document.body.dataset.timeUp || "";
  const tick = () => {
    const now = Date.now() + offset;
    for (const el of clocks) {
      el.textContent = describe(Date.parse(el.getAttribute("datetime")) - now, words, up);
    }
  };
  tick();
  setInterval(tick, 1000);
}

function describe(ms, words, up) {
  if (ms <= 0) return up;
  const seconds = Math.floor(ms / 1000), minutes = Math.floor(seconds / 60), hours = Math.floor(minutes / 60), days = Math.floor(hours / 24);
  if (days >= 1) return words.format(days, "day");
  if (hours >= 1) return words.format(hours, "hour");
  if (minutes >= 1) return words.format(minutes, "minute");
  return words.format(seconds, "second");
}

// Tells the server this device's time zone, so that times are said on the reader's own clock.
function rememberTimeZone() {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone && !document.cookie.split("; ").includes(`arbiter_device_tz=${encodeURIComponent(zone)}`)) {
    document.cookie = `arbiter_device_tz=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
  }
}

// The questionnaire offers only the reasons that fit the answer to "did you receive the item?".
function linkReasonsToReceived() {
  const reason = document.getElementById("reason");
  if (!reason) return;
  const radios = document.querySelectorAll("input[name=Received]");
  const update = () => {
    const checked = document.querySelector("input[name=Received]:checked");
    for (const group of reason.querySelectorAll("optgroup")) {
      const fits = !checked || group.dataset.received === checked.value;
      group.hidden = !fits;
      group.disabled = !fits;
    }
    if (reason.selectedOptions[0]?.parentElement?.disabled) reason.value = "";
  };
  radios.forEach(r => r.addEventListener("change", update));
  update();
}

document.addEventListener("DOMContentLoaded", () => {
  rememberTimeZone();
  startCountdowns();
  linkReasonsToReceived();
});
