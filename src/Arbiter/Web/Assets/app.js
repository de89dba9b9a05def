// Progressive enhancement only: every page works without it.
"use strict";

// Countdowns run against the server's clock (which may be a sandbox's simulated one), not the device's.
function startCountdowns() {
  const clocks = document.querySelectorAll("time.countdown");
  if (clocks.length === 0) return;
  const offset = Date.parse(clocks[0].dataset.now) - Date.now();
  const tick = () => {
    const now = Date.now() + offset;
    for (const el of clocks) {
      const left = Date.parse(el.getAttribute("datetime")) - now;
      el.textContent = describe(left);
    }
  };
  tick();
  setInterval(tick, 1000);
}

function describe(ms) {
  if (ms <= 0) return "time is up";
  const minutes = Math.floor(ms / 60000), hours = Math.floor(minutes / 60), days = Math.floor(hours / 24);
  if (days >= 1) return `${days} d ${hours % 24} h left`;
  if (hours >= 1) return `${hours} h ${minutes % 60} min left`;
  if (minutes >= 1) return `${minutes} min left`;
  return `${Math.ceil(ms / 1000)} s left`;
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
  startCountdowns();
  linkReasonsToReceived();
});
