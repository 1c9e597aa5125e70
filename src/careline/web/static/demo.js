// The /demo page: demo patients (in demo mode), or a patient's own token, then the widget is mounted.
(() => {
  "use strict";
  const DEMO_TOKEN_KEY = "careline.demo.token";
  const CONSOLE_TOKEN_KEY = "careline.console.token";
  const $ = (id) => document.getElementById(id);

  function say(text) { $("demo-status").textContent = text; }

  function mountWidget(token, open) {
    const previous = document.getElementById("careline-widget-script");
    if (previous) previous.remove();
    const script = document.createElement("script");
    script.id = "careline-widget-script";
    script.src = "/widget.js";
    script.dataset.token = token;
    if (open) script.dataset.open = "true";
    document.body.appendChild(script);
  }

  function showActive(text) {
    $("demo-active").hidden = false;
    $("demo-active-text").textContent = text;
  }

  async function post(path, body) {
    const response = await fetch(path, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body || {}),
    });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error((data.error && data.error.message) || "Request failed (" + response.status + ")");
    return data;
  }

  async function startDemoPatient() {
    say("Creating a demo patient\u2026");
    try {
      const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
      const created = await post("/api/v1/demo/patient", { timezone });
      localStorage.setItem(DEMO_TOKEN_KEY, created.token);
      mountWidget(created.token, true);
      showActive("You are chatting as Sam Rivera, a demo patient. The conversation stays after a reload.");
      say("");
    } catch (error) {
      say(error.message);
    }
  }

  async function openConsole() {
    say("Signing in a demo clinician\u2026");
    try {
      const created = await post("/api/v1/demo/clinician");
      sessionStorage.setItem(CONSOLE_TOKEN_KEY, created.token);
      window.location.href = "/console";
    } catch (error) {
      say(error.message);
    }
  }

  async function init() {
    $("origin").textContent = window.location.origin;
    let demoMode = false;
    try {
      const config = await (await fetch("/api/v1/widget/config")).json();
      demoMode = Boolean(config.demo_mode);
    } catch (_) { /* demo mode stays off */ }
    $("demo-controls").hidden = !demoMode;
    $("start-demo").addEventListener("click", startDemoPatient);
    $("open-console").addEventListener("click", openConsole);
    $("reset-demo").addEventListener("click", () => {
      localStorage.removeItem(DEMO_TOKEN_KEY);
      startDemoPatient();
    });
    $("token-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const token = $("token-input").value.trim();
      if (!token) { say("Paste a patient token first."); return; }
      $("token-input").value = "";
      mountWidget(token, true);
      say("The widget is open in the corner.");
    });
    const saved = localStorage.getItem(DEMO_TOKEN_KEY);
    if (saved && demoMode) {
      mountWidget(saved, false);
      showActive("Welcome back: you are the demo patient Sam Rivera. Open the chat in the corner.");
    } else if (!demoMode) {
      say("Demo mode is off on this server: paste a patient token to try the widget.");
    }
  }

  init();
})();
