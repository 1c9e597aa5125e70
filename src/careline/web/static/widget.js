/*
 * Careline patient chat widget.
 *
 *   <script src="https://careline.example.org/widget.js" data-token="PATIENT_TOKEN" async></script>
 *
 * Opens a launcher button and a chat panel inside a shadow root, so the host page's CSS cannot reach in and
 * the widget's cannot leak out. The API is the script's own origin (the clinic lists the host page's origin
 * in CARELINE_CORS_ORIGINS). Answers stream over fetch (server-sent events); live reminder notifications too.
 * Every piece of text from the server or the patient is set with textContent: nothing is parsed as HTML.
 * Optional attributes: data-open="true" opens the panel at once.
 */
(() => {
  "use strict";

  const script = document.currentScript;
  if (!script || !script.src) return;

  const BASE = new URL(script.src, window.location.href).origin;
  const TOKEN = (script.dataset.token || "").trim();
  const OPEN_AT_START = script.dataset.open === "true";
  const STORAGE_PREFIX = "careline.conversation.";
  const UPCOMING_HOURS = 24;
  const LOOKBACK_HOURS = 12;
  const SNOOZE_MINUTES = 10;
  const SUGGESTIONS = [
    "What are the side effects of metformin?",
    "How can I lower my blood pressure?",
    "Remind me to take vitamin D at 9am",
  ];

  // A page may mount the widget again (the demo does, with a new token): the old one goes first.
  if (window.__careline && typeof window.__careline.destroy === "function") window.__careline.destroy();

  // -- small DOM helpers: elements and text nodes only ---------------------------------------------------------

  const SVG_NS = "http://www.w3.org/2000/svg";
  const ICONS = {
    chat: "M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.2 3.6A.5.5 0 0 1 5 19.2V16h0A1.5 1.5 0 0 1 4 14.5v-9Z",
    logo: "M12 21s-7.5-4.6-9.2-9.6C1.7 8.1 3.6 4.8 7 4.5c2-.2 3.6.8 5 2.6 1.4-1.8 3-2.8 5-2.6 3.4.3 5.3 3.6 4.2 6.9C19.5 16.4 12 21 12 21Z M12 9v6 M9 12h6",
    close: "M6 6l12 12M18 6 6 18",
    send: "M5 12h13M13 6l6 6-6 6",
    alert: "M12 3 2.5 20h19L12 3Z M12 10v4.5 M12 17.2v.3",
    phone: "M6.6 3.5 9 3l1.6 4.2-2 1.4a11 11 0 0 0 6.8 6.8l1.4-2L21 15l-.5 2.4A2.6 2.6 0 0 1 18 19.6 15.6 15.6 0 0 1 4.4 6 2.6 2.6 0 0 1 6.6 3.5Z",
    heart: "M12 20s-7-4.3-8.6-9C2.4 8 4.2 5 7.3 4.8c1.9-.1 3.3.8 4.7 2.5 1.4-1.7 2.8-2.6 4.7-2.5C19.8 5 21.6 8 20.6 11 19 15.7 12 20 12 20Z",
  };

  function icon(name) {
    const svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("fill", "none");
    svg.setAttribute("stroke", "currentColor");
    svg.setAttribute("stroke-width", "2");
    svg.setAttribute("stroke-linecap", "round");
    svg.setAttribute("stroke-linejoin", "round");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    const path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", ICONS[name]);
    svg.appendChild(path);
    return svg;
  }

  /** el("button", {class: "x", text: "Send", onclick: fn, "aria-label": "..."}, child, "text child") */
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = String(value);
      else if (key === "class") node.className = value;
      else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  /** Only web links become links: a "javascript:" or "data:" URL from anywhere stays plain text. */
  function safeUrl(url) {
    try {
      const parsed = new URL(String(url || ""), BASE);
      return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
    } catch (_) {
      return null;
    }
  }

  function telHref(number) {
    return "tel:" + String(number).replace(/[^0-9+]/g, "");
  }

  // -- the API ----------------------------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(message, status) {
      super(message);
      this.status = status;
    }
  }

  async function call(path, options = {}) {
    const headers = { Authorization: "Bearer " + TOKEN, ...(options.headers || {}) };
    if (options.body !== undefined) headers["Content-Type"] = "application/json";
    let response;
    try {
      response = await fetch(BASE + path, {
        method: options.method || "GET",
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
        mode: "cors",
        credentials: "omit",
        cache: "no-store",
      });
    } catch (error) {
      if (error && error.name === "AbortError") throw error;
      throw new ApiError("Careline can't be reached right now. Check your connection and try again.", 0);
    }
    if (!response.ok) {
      let message = "Something went wrong (" + response.status + "). Please try again.";
      try {
        const data = await response.json();
        if (data && data.error && data.error.message) message = data.error.message;
      } catch (_) { /* not JSON */ }
      throw new ApiError(message, response.status);
    }
    return response;
  }

  async function callJson(path, options) {
    return (await call(path, options)).json();
  }

  /** Server-sent events from a fetch response: calls onEvent(name, data, id) for each complete event. */
  async function readEvents(response, onEvent) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, "\n");
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let name = "message";
        let id = null;
        const data = [];
        for (const line of block.split("\n")) {
          if (!line || line.startsWith(":")) continue;
          const colon = line.indexOf(":");
          const field = colon < 0 ? line : line.slice(0, colon);
          const text = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
          if (field === "event") name = text;
          else if (field === "data") data.push(text);
          else if (field === "id") id = text;
        }
        if (data.length) {
          let parsed;
          try { parsed = JSON.parse(data.join("\n")); } catch (_) { continue; }
          onEvent(name, parsed, id);
        }
      }
    }
  }

  function storageGet(key) {
    try { return window.localStorage.getItem(key); } catch (_) { return null; }
  }
  function storageSet(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, value);
    } catch (_) { /* private mode: the conversation lasts for this page only */ }
  }

  // -- the widget -------------------------------------------------------------------------------------------

  class CarelineWidget {
    constructor() {
      this.abort = new AbortController();
      this.config = { emergency_number: "911", crisis_line: "988", poison_control: "1-800-222-1222" };
      this.session = null;
      this.conversationId = null;
      this.busy = false;
      this.unseen = 0;
      this.lastNotificationId = null;
      this.timeFormat = null;
      this.build();
      this.ready = this.start();
    }

    // ---- structure ----

    build() {
      this.host = document.createElement("careline-widget");
      this.host.style.display = "none"; // shown once the stylesheet has loaded: no unstyled flash
      const root = this.host.attachShadow({ mode: "open" });
      this.shadow = root;
      const stylesheet = el("link", { rel: "stylesheet", href: BASE + "/widget.css" });
      const reveal = () => { this.host.style.display = ""; };
      stylesheet.addEventListener("load", reveal);
      stylesheet.addEventListener("error", reveal);
      root.appendChild(stylesheet);

      this.badge = el("span", { class: "cl-badge", "aria-hidden": "true", hidden: true });
      this.launcher = el("button", {
        class: "cl-launcher", type: "button", "aria-expanded": "false", "aria-controls": "cl-panel",
        "aria-haspopup": "dialog", onclick: () => this.open(),
      }, icon("chat"), el("span", { text: "Ask Careline" }), this.badge);

      this.closeButton = el("button", {
        class: "cl-icon-button", type: "button", "aria-label": "Close Careline", onclick: () => this.close(),
      }, icon("close"));
      const header = el("header", { class: "cl-header" },
        el("div", { class: "cl-logo" }, icon("logo")),
        el("div", { class: "cl-heading" },
          el("h2", { class: "cl-title", id: "cl-title", text: "Careline" }),
          el("p", { class: "cl-subtitle", text: "Answers from your clinic's vetted health library" })),
        this.closeButton);

      this.chatTab = el("button", {
        class: "cl-tab", type: "button", role: "tab", id: "cl-tab-chat", "aria-selected": "true",
        "aria-controls": "cl-chat", tabindex: "0", text: "Chat",
      });
      this.reminderCount = el("span", { class: "cl-count", hidden: true });
      this.remindersTab = el("button", {
        class: "cl-tab", type: "button", role: "tab", id: "cl-tab-reminders", "aria-selected": "false",
        "aria-controls": "cl-reminders", tabindex: "-1",
      }, "Reminders", this.reminderCount);
      const tabs = el("div", { class: "cl-tabs", role: "tablist", "aria-label": "Careline" },
        this.chatTab, this.remindersTab);
      tabs.addEventListener("keydown", (event) => this.onTabKey(event));
      this.chatTab.addEventListener("click", () => this.selectTab("chat"));
      this.remindersTab.addEventListener("click", () => this.selectTab("reminders"));

      this.toast = el("div", { class: "cl-toast", hidden: true });
      this.log = el("div", {
        class: "cl-log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
        "aria-label": "Conversation with Careline", tabindex: "0",
      });
      this.announcer = el("div", { class: "cl-sr", role: "status", "aria-live": "polite" });
      this.input = el("textarea", {
        class: "cl-input", id: "cl-input", rows: "1", maxlength: "4000", autocomplete: "off",
        placeholder: "Ask a health question\u2026",
      });
      this.sendButton = el("button", { class: "cl-send", type: "submit", "aria-label": "Send message" }, icon("send"));
      const composer = el("form", { class: "cl-composer", onsubmit: (event) => { event.preventDefault(); this.submit(); } },
        el("label", { class: "cl-sr", for: "cl-input", text: "Your question for Careline" }),
        this.input, this.sendButton);
      this.input.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
          event.preventDefault();
          this.submit();
        }
      });
      this.input.addEventListener("input", () => this.fitInput());
      this.footnote = el("p", { class: "cl-footnote" });
      this.chatPanel = el("div", {
        class: "cl-tabpanel", id: "cl-chat", role: "tabpanel", "aria-labelledby": "cl-tab-chat",
      }, this.toast, this.log, composer, this.footnote);

      this.liveNotice = el("div", { class: "cl-live", "aria-live": "polite" });
      this.dueList = el("ul", { class: "cl-doses", "aria-label": "Doses due now" });
      this.upcomingList = el("ul", { class: "cl-doses", "aria-label": "Doses coming up" });
      this.earlierList = el("ul", { class: "cl-doses", "aria-label": "Doses answered earlier" });
      this.remindersStatus = el("p", { class: "cl-empty", hidden: true });
      this.earlierSection = el("section", { class: "cl-section", hidden: true },
        el("h3", { text: "Earlier" }), this.earlierList);
      this.remindersPanel = el("div", {
        class: "cl-tabpanel cl-reminders", id: "cl-reminders", role: "tabpanel",
        "aria-labelledby": "cl-tab-reminders", tabindex: "0", hidden: true,
      }, this.liveNotice, this.remindersStatus,
      el("section", { class: "cl-section" }, el("h3", { text: "Due now" }), this.dueList),
      el("section", { class: "cl-section" }, el("h3", { text: "Coming up" }), this.upcomingList),
      this.earlierSection);

      this.panel = el("section", {
        class: "cl-panel", id: "cl-panel", role: "dialog", "aria-modal": "false", "aria-labelledby": "cl-title",
        hidden: true,
      }, header, tabs, this.chatPanel, this.remindersPanel, this.announcer);
      this.panel.addEventListener("keydown", (event) => {
        if (event.key === "Escape") {
          event.stopPropagation();
          this.close();
        }
      });

      this.renderFootnote();
      root.appendChild(el("div", { class: "cl-root" }, this.launcher, this.panel));
      document.body.appendChild(this.host);
    }

    destroy() {
      this.abort.abort();
      this.host.remove();
      if (window.__careline === this) window.__careline = null;
    }

    // ---- start-up: config, session, history, live notifications ----

    async start() {
      try {
        const response = await fetch(BASE + "/api/v1/widget/config", { mode: "cors", credentials: "omit" });
        if (response.ok) this.config = await response.json();
      } catch (_) { /* the defaults stay */ }
      this.renderFootnote();
      if (!TOKEN) {
        this.addSystemMessage("This Careline widget has no patient token. Ask your clinic for a working link.");
        return;
      }
      try {
        this.session = await callJson("/api/v1/widget/session", { signal: this.abort.signal });
      } catch (error) {
        if (error.name === "AbortError") return;
        this.addSystemMessage(error.status === 401
          ? "This Careline link has expired. Ask your clinic for a new one."
          : error.message);
        return;
      }
      try {
        this.timeFormat = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit", timeZone: this.session.timezone });
        this.dayFormat = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: this.session.timezone });
        this.weekdayFormat = new Intl.DateTimeFormat(undefined, { weekday: "short", timeZone: this.session.timezone });
      } catch (_) {
        this.timeFormat = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
        this.dayFormat = new Intl.DateTimeFormat("en-CA");
        this.weekdayFormat = new Intl.DateTimeFormat(undefined, { weekday: "short" });
      }
      this.storageKey = STORAGE_PREFIX + this.session.patient_id;
      this.conversationId = storageGet(this.storageKey);
      await this.restoreConversation();
      this.loadDoses();
      this.listenForNotifications();
      if (OPEN_AT_START) this.open();
    }

    async restoreConversation() {
      if (!this.conversationId) {
        this.addWelcome();
        return;
      }
      try {
        const history = await callJson("/api/v1/conversations/" + encodeURIComponent(this.conversationId),
          { signal: this.abort.signal });
        this.addWelcome(true);
        for (const message of history.messages) {
          if (message.role === "user") this.log.appendChild(this.userMessage(message.text));
          else this.log.appendChild(this.assistantMessage(message));
        }
        this.scrollToEnd(true);
      } catch (error) {
        if (error.name === "AbortError") return;
        this.forgetConversation();
        this.addWelcome();
      }
    }

    forgetConversation() {
      this.conversationId = null;
      storageSet(this.storageKey, null);
    }

    // ---- opening, closing, tabs ----

    open() {
      this.panel.hidden = false;
      this.launcher.hidden = true;
      this.launcher.setAttribute("aria-expanded", "true");
      this.scrollToEnd(true);
      if (this.remindersTab.getAttribute("aria-selected") === "true") this.remindersTab.focus();
      else this.input.focus();
      this.markSeen();
    }

    close() {
      this.panel.hidden = true;
      this.launcher.hidden = false;
      this.launcher.setAttribute("aria-expanded", "false");
      this.updateBadges();
      this.launcher.focus();
    }

    selectTab(name) {
      const chat = name === "chat";
      this.chatTab.setAttribute("aria-selected", String(chat));
      this.remindersTab.setAttribute("aria-selected", String(!chat));
      this.chatTab.tabIndex = chat ? 0 : -1;
      this.remindersTab.tabIndex = chat ? -1 : 0;
      this.chatPanel.hidden = !chat;
      this.remindersPanel.hidden = chat;
      if (!chat) {
        this.toast.hidden = true;
        this.markSeen();
        this.loadDoses();
      }
    }

    onTabKey(event) {
      const order = [this.chatTab, this.remindersTab];
      const index = order.indexOf(this.shadow.activeElement);
      if (index < 0) return;
      let next = null;
      if (event.key === "ArrowRight" || event.key === "ArrowLeft") next = order[(index + 1) % order.length];
      else if (event.key === "Home") next = order[0];
      else if (event.key === "End") next = order[order.length - 1];
      if (!next) return;
      event.preventDefault();
      this.selectTab(next === this.chatTab ? "chat" : "reminders");
      next.focus();
    }

    markSeen() {
      if (!this.panel.hidden && this.remindersTab.getAttribute("aria-selected") === "true") this.unseen = 0;
      this.updateBadges();
    }

    updateBadges() {
      const count = String(this.unseen);
      this.badge.hidden = this.unseen === 0 || !this.panel.hidden;
      this.badge.textContent = count;
      this.reminderCount.hidden = this.unseen === 0;
      this.reminderCount.textContent = count;
      if (this.unseen) {
        this.launcher.setAttribute("aria-label", "Ask Careline: " + count + " new reminder" + (this.unseen === 1 ? "" : "s"));
        this.reminderCount.setAttribute("aria-label", count + " new");
      } else {
        this.launcher.removeAttribute("aria-label");
      }
    }

    // ---- chat ----

    renderFootnote() {
      const number = this.config.emergency_number;
      this.footnote.replaceChildren(
        "Careline shares general health information, not a diagnosis. In an emergency, call ",
        el("a", { href: telHref(number), text: number }), ".");
    }

    addWelcome(returning) {
      const name = this.session && this.session.name ? this.session.name.split(/\s+/)[0] : "";
      const bubble = el("div", { class: "cl-bubble" },
        el("p", { text: returning
          ? "Welcome back" + (name ? ", " + name : "") + ". Here is our conversation so far."
          : "Hi" + (name ? " " + name : "") + ", I'm Careline. I answer health questions from your clinic's vetted library and show where each answer comes from. I can also remind you to take your medicines." }));
      if (!returning) {
        const chips = el("div", { class: "cl-suggestions" });
        for (const text of SUGGESTIONS) {
          chips.appendChild(el("button", { class: "cl-chip", type: "button", text, onclick: () => this.submit(text) }));
        }
        bubble.appendChild(chips);
      }
      this.log.appendChild(el("div", { class: "cl-msg cl-msg-bot cl-welcome" },
        el("div", { class: "cl-avatar" }, icon("logo")), bubble));
    }

    addSystemMessage(text) {
      this.log.appendChild(el("div", { class: "cl-msg cl-msg-bot" },
        el("div", { class: "cl-avatar" }, icon("logo")),
        el("div", { class: "cl-bubble" }, el("p", { text }))));
    }

    fitInput() {
      this.input.style.height = "auto";
      this.input.style.height = Math.min(this.input.scrollHeight + 2, 132) + "px";
    }

    scrollToEnd(force) {
      const nearEnd = this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 120;
      if (force || nearEnd) this.log.scrollTop = this.log.scrollHeight;
    }

    /** A long answer is read from its top: show the question and the start of the reply (an emergency
        banner comes first in it) rather than the reply's last lines. */
    showFromTop(node) {
      this.log.scrollTop = this.log.scrollHeight;
      const offset = node.getBoundingClientRect().top - this.log.getBoundingClientRect().top - 12;
      if (offset < 0) this.log.scrollTop += offset;
    }

    async submit(preset) {
      const text = (preset !== undefined ? preset : this.input.value).trim();
      if (!text || this.busy || !TOKEN) return;
      this.busy = true;
      await this.ready; // a question typed while the widget is still starting waits for it
      if (!this.session) {
        this.busy = false;
        return;
      }
      this.sendButton.disabled = true;
      this.input.value = "";
      this.fitInput();
      for (const chips of this.log.querySelectorAll(".cl-suggestions")) chips.remove();
      const question = this.log.appendChild(this.userMessage(text));
      const pending = this.pendingMessage();
      this.log.appendChild(pending.node);
      this.scrollToEnd(true);
      this.announcer.textContent = "Careline is answering\u2026";
      try {
        const reply = await this.ask(text, pending);
        const answer = this.assistantMessage({
          text: reply.answer, citations: reply.citations, safety: reply.safety,
          personal_notes: reply.personal_notes, abstained: reply.abstained,
        });
        pending.node.replaceWith(answer);
        this.showFromTop(question);
        this.announcer.textContent = "";
        if (reply.reminder || /reminder/i.test(text)) this.loadDoses();
      } catch (error) {
        if (error.name === "AbortError") return;
        pending.node.replaceWith(el("div", { class: "cl-msg cl-msg-bot" },
          el("div", { class: "cl-avatar" }, icon("logo")),
          el("div", { class: "cl-bubble cl-error", role: "alert", text: error.message })));
        this.scrollToEnd(true);
      } finally {
        this.busy = false;
        this.sendButton.disabled = false;
        if (!this.panel.hidden) this.input.focus();
      }
    }

    async ask(text, pending, retried) {
      let response;
      try {
        response = await call("/api/v1/chat", {
          method: "POST", body: { message: text, conversation_id: this.conversationId },
          headers: { Accept: "text/event-stream" }, signal: this.abort.signal,
        });
      } catch (error) {
        if (error.status === 404 && this.conversationId && !retried) {
          this.forgetConversation(); // the old conversation is gone: start a new one
          return this.ask(text, pending, true);
        }
        throw error;
      }
      let streamed = "";
      let reply = null;
      let failure = null;
      await readEvents(response, (name, data) => {
        if (name === "token") {
          streamed += data.text || "";
          pending.show(streamed);
          this.scrollToEnd(false);
        } else if (name === "done") {
          reply = data;
        } else if (name === "error") {
          failure = (data.error && data.error.message) || "Something went wrong. Please try again.";
        }
      });
      if (failure || !reply) throw new ApiError(failure || "The answer was cut off. Please try again.", 0);
      this.conversationId = reply.conversation_id;
      storageSet(this.storageKey, reply.conversation_id);
      return reply;
    }

    userMessage(text) {
      return el("div", { class: "cl-msg cl-msg-user" },
        el("span", { class: "cl-sr", text: "You said:" }),
        el("div", { class: "cl-bubble", text }));
    }

    /** A reply being written: hidden from screen readers until it is complete, then replaced whole. */
    pendingMessage() {
      const typing = el("span", { class: "cl-typing" }, el("span"), el("span"), el("span"));
      const text = el("div", { class: "cl-streaming" });
      const bubble = el("div", { class: "cl-bubble" }, typing);
      const node = el("div", { class: "cl-msg cl-msg-bot", "aria-hidden": "true" },
        el("div", { class: "cl-avatar" }, icon("logo")), bubble);
      return {
        node,
        show(streamed) {
          if (typing.isConnected) typing.replaceWith(text);
          text.textContent = streamed;
        },
      };
    }

    assistantMessage(message) {
      const citations = new Map((message.citations || []).map((c) => [Number(c.n), c]));
      const safety = message.safety || { level: "routine", flags: [] };
      const bubble = el("div", { class: "cl-bubble" });
      if (safety.level === "emergency") bubble.appendChild(this.emergencyBanner(message.text, safety));
      else if (safety.level === "urgent") bubble.appendChild(this.urgentNote());
      const notes = message.personal_notes || [];
      const body = notes.length ? String(message.text).split(/\n\nFor you:/)[0] : String(message.text);
      bubble.appendChild(this.richText(body, citations));
      if (notes.length) bubble.appendChild(this.forYou(notes, citations));
      if (citations.size) bubble.appendChild(this.sourceList([...citations.values()]));
      return el("div", { class: "cl-msg cl-msg-bot" },
        el("span", { class: "cl-sr", text: "Careline said:" }),
        el("div", { class: "cl-avatar" }, icon("logo")), bubble);
    }

    /** Paragraphs, "- " bullet lines, **bold** and [n] citation markers, all built as DOM nodes. */
    richText(text, citations) {
      const fragment = document.createDocumentFragment();
      for (const paragraph of String(text).split(/\n{2,}/)) {
        const lines = paragraph.split("\n").filter((line) => line.trim());
        if (!lines.length) continue;
        let list = null;
        for (const line of lines) {
          const bullet = /^\s*[-*\u2022]\s+/.exec(line);
          if (bullet) {
            if (!list) list = fragment.appendChild(el("ul"));
            list.appendChild(this.inline(el("li"), line.slice(bullet[0].length), citations));
          } else {
            list = null;
            fragment.appendChild(this.inline(el("p"), line, citations));
          }
        }
      }
      return fragment;
    }

    inline(node, text, citations) {
      for (const part of String(text).split(/(\[\d+\]|\*\*[^*\n]+\*\*)/)) {
        if (!part) continue;
        const marker = /^\[(\d+)\]$/.exec(part);
        if (marker) node.appendChild(this.citeMarker(Number(marker[1]), citations));
        else if (/^\*\*[^*\n]+\*\*$/.test(part)) node.appendChild(el("strong", { text: part.slice(2, -2) }));
        else node.appendChild(document.createTextNode(part));
      }
      return node;
    }

    citeMarker(n, citations) {
      const citation = citations.get(n);
      const label = citation
        ? "Source " + n + ": " + citation.title + (citation.source ? ", " + citation.source : "")
        : "Source " + n;
      const href = citation && safeUrl(citation.url);
      if (!href) return el("span", { class: "cl-cite", title: label, text: String(n) });
      return el("a", {
        class: "cl-cite", href, target: "_blank", rel: "noopener noreferrer",
        "aria-label": label + " (opens in a new tab)", title: label, text: String(n),
      });
    }

    forYou(notes, citations) {
      const list = el("ul");
      for (const note of notes) {
        const item = this.inline(el("li"), note.text, citations);
        for (const citation of note.citations || []) item.append(" ", this.citeMarker(Number(citation.n), citations));
        list.appendChild(item);
      }
      return el("section", { class: "cl-foryou", "aria-label": "For you" },
        el("h4", {}, icon("heart"), "For you"), list);
    }

    sourceList(citations) {
      const list = el("ol");
      for (const citation of citations.sort((a, b) => a.n - b.n)) {
        const content = [
          el("span", { class: "cl-source-n", "aria-hidden": "true", text: String(citation.n) }),
          el("span", {},
            el("span", { class: "cl-source-title", text: citation.title || "Source" }),
            citation.source ? el("span", { class: "cl-source-pub", text: " \u00b7 " + citation.source }) : null),
        ];
        const href = safeUrl(citation.url);
        list.appendChild(el("li", {}, href
          ? el("a", { class: "cl-source", href, target: "_blank", rel: "noopener noreferrer" }, content)
          : el("span", { class: "cl-source" }, content)));
      }
      return el("section", { class: "cl-sources", "aria-label": "Sources" }, el("h4", { text: "Sources" }), list);
    }

    /** The numbers this emergency reply gives: the triage's own list when stored, else the configured numbers
        the reply mentions, the emergency number always first. */
    hotlines(text, safety) {
      const config = this.config;
      const known = [
        { number: config.emergency_number, label: "Call " + config.emergency_number, detail: "" },
        { number: config.crisis_line, label: "Call or text " + config.crisis_line, detail: "Suicide & Crisis Lifeline" },
        { number: config.poison_control, label: "Poison Control", detail: config.poison_control },
      ];
      const wanted = Array.isArray(safety.hotlines) && safety.hotlines.length
        ? safety.hotlines.map(String)
        : known.filter((line, index) => index === 0 || String(text).includes(line.number)).map((line) => line.number);
      if (!wanted.includes(config.emergency_number)) wanted.unshift(config.emergency_number);
      return wanted.map((number) => known.find((line) => line.number === number)
        || { number, label: "Call " + number, detail: "" });
    }

    emergencyBanner(text, safety) {
      const calls = el("div", { class: "cl-calls" });
      this.hotlines(text, safety).forEach((line, index) => {
        calls.appendChild(el("a", {
          class: index === 0 ? "cl-call" : "cl-call cl-call-secondary", href: telHref(line.number),
        }, icon("phone"), el("span", { class: "cl-call-text" }, line.label,
          line.detail ? el("small", { text: line.detail }) : null)));
      });
      return el("div", { class: "cl-emergency", role: "alert" },
        el("p", { class: "cl-emergency-title" }, icon("alert"), "This may be an emergency"),
        el("p", { text: "Get help now. Careline cannot call for you, and your care team may not see this right away." }),
        calls);
    }

    urgentNote() {
      const number = this.config.emergency_number;
      return el("div", { class: "cl-urgent", role: "note" },
        "Your care team can see this conversation. If you feel worse, call ",
        el("a", { href: telHref(number), text: number }), ".");
    }

    // ---- reminders ----

    patientPath(path) {
      return "/api/v1/patients/" + encodeURIComponent(this.session.patient_id) + path;
    }

    formatDue(date) {
      const time = this.timeFormat.format(date);
      const today = this.dayFormat.format(new Date());
      const day = this.dayFormat.format(date);
      if (day === today) return time;
      const tomorrow = this.dayFormat.format(new Date(Date.now() + 86400000));
      const yesterday = this.dayFormat.format(new Date(Date.now() - 86400000));
      if (day === tomorrow) return "Tomorrow " + time;
      if (day === yesterday) return "Yesterday " + time;
      return this.weekdayFormat.format(date) + " " + time;
    }

    async loadDoses() {
      if (!this.session) return;
      const now = Date.now();
      try {
        const from = new Date(now - LOOKBACK_HOURS * 3600000).toISOString();
        const upcoming = await callJson(this.patientPath("/reminders/upcoming?hours=" + (LOOKBACK_HOURS + UPCOMING_HOURS)
          + "&from=" + encodeURIComponent(from)), { signal: this.abort.signal });
        const answers = new Map();
        const reminderIds = [...new Set(upcoming.doses.filter((d) => Date.parse(d.due) <= now).map((d) => d.reminder_id))];
        await Promise.all(reminderIds.map(async (id) => {
          const recorded = await callJson(this.patientPath("/reminders/" + encodeURIComponent(id) + "/doses?days=2"),
            { signal: this.abort.signal });
          for (const dose of recorded.doses) answers.set(id + "|" + Date.parse(dose.due), dose);
        }));
        this.renderDoses(upcoming.doses, answers, now);
      } catch (error) {
        if (error.name === "AbortError") return;
        this.remindersStatus.hidden = false;
        this.remindersStatus.replaceChildren("Reminders could not be loaded. ",
          el("button", { class: "cl-button", type: "button", text: "Try again", onclick: () => this.loadDoses() }));
      }
    }

    renderDoses(doses, answers, now) {
      this.remindersStatus.hidden = true;
      const due = [];
      const upcoming = [];
      const earlier = [];
      for (const dose of doses) {
        const at = Date.parse(dose.due);
        const answer = answers.get(dose.reminder_id + "|" + at);
        const status = answer ? answer.status : null;
        if (at > now) upcoming.push({ dose, at });
        else if (!status || status === "due" || status === "snoozed") due.push({ dose, at, answer });
        else earlier.push({ dose, at, answer });
      }
      this.dueList.replaceChildren(...(due.length
        ? due.map((item) => this.doseItem(item, true))
        : [el("li", { class: "cl-empty", text: "Nothing due right now." })]));
      this.upcomingList.replaceChildren(...(upcoming.length
        ? upcoming.slice(0, 8).map((item) => this.doseItem(item, false))
        : [el("li", { class: "cl-empty", text: "No reminders in the next day. Ask in the chat to set one up." })]));
      this.earlierSection.hidden = earlier.length === 0;
      this.earlierList.replaceChildren(...earlier.reverse().map((item) => this.doseItem(item, false)));
    }

    doseItem({ dose, at, answer }, actionable) {
      const when = this.formatDue(new Date(at));
      const row = el("div", { class: "cl-dose-row" },
        el("span", { class: "cl-dose-name", text: dose.medication }),
        dose.dose ? el("span", { class: "cl-dose-amount", text: dose.dose }) : null,
        el("span", { class: "cl-dose-time", text: when }));
      const item = el("li", { class: actionable ? "cl-dose cl-dose-due" : "cl-dose" }, row);
      const status = answer && answer.status;
      if (status && status !== "due") {
        const label = status === "snoozed" && answer.snoozed_until
          ? "Snoozed until " + this.timeFormat.format(new Date(answer.snoozed_until))
          : status[0].toUpperCase() + status.slice(1);
        row.insertBefore(el("span", { class: "cl-status cl-status-" + status, text: label }), row.lastChild);
      }
      if (actionable) item.appendChild(this.doseActions(dose.reminder_id, dose.due, dose.medication, when));
      return item;
    }

    doseActions(reminderId, due, medication, when) {
      const group = el("div", { class: "cl-actions", role: "group", "aria-label": medication + ", due " + when });
      const act = async (action, button) => {
        for (const other of group.querySelectorAll("button")) other.disabled = true;
        try {
          await call(this.patientPath("/reminders/" + encodeURIComponent(reminderId) + "/doses"), {
            method: "POST", body: { due, action, minutes: action === "snoozed" ? SNOOZE_MINUTES : null },
            signal: this.abort.signal,
          });
          this.announcer.textContent = medication + (action === "taken" ? " marked as taken."
            : action === "skipped" ? " marked as skipped." : " snoozed for " + SNOOZE_MINUTES + " minutes.");
          const card = group.closest(".cl-notice");
          if (card) card.remove();
          await this.loadDoses();
          const first = this.remindersPanel.querySelector(".cl-actions button");
          if (first) first.focus(); else this.remindersTab.focus();
        } catch (error) {
          if (error.name === "AbortError") return;
          for (const other of group.querySelectorAll("button")) other.disabled = false;
          this.announcer.textContent = error.message;
          button.focus();
        }
      };
      const take = el("button", { class: "cl-button cl-button-primary", type: "button", text: "Take" });
      const skip = el("button", { class: "cl-button", type: "button", text: "Skip" });
      const snooze = el("button", { class: "cl-button", type: "button", text: "Snooze " + SNOOZE_MINUTES + " min" });
      take.addEventListener("click", () => act("taken", take));
      skip.addEventListener("click", () => act("skipped", skip));
      snooze.addEventListener("click", () => act("snoozed", snooze));
      group.append(take, skip, snooze);
      return group;
    }

    // ---- live notifications ----

    async listenForNotifications() {
      let delay = 1000;
      while (!this.abort.signal.aborted) {
        try {
          const after = this.lastNotificationId ? "?after_id=" + encodeURIComponent(this.lastNotificationId) : "";
          const response = await call(this.patientPath("/notifications/stream" + after),
            { headers: { Accept: "text/event-stream" }, signal: this.abort.signal });
          delay = 1000;
          await readEvents(response, (name, data, id) => {
            if (id) this.lastNotificationId = id;
            if (name === "notification") this.onNotification(data);
          });
        } catch (error) {
          if (this.abort.signal.aborted || (error && error.name === "AbortError")) return;
          if (error.status === 401 || error.status === 404) return;
          delay = Math.min(delay * 2, 30000);
        }
        // The server ends each stream after a while; pick up again after the last event seen.
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }

    onNotification(notice) {
      const actionable = (notice.kind === "dose_due" || notice.kind === "dose_again") && notice.reminder_id && notice.due;
      const card = el("div", { class: "cl-notice", role: "status" },
        el("p", { class: "cl-notice-title", text: notice.title }),
        el("p", { class: "cl-notice-body", text: notice.body }));
      if (actionable) {
        const medication = (notice.data && notice.data.medication) || "Medicine";
        card.appendChild(this.doseActions(notice.reminder_id, notice.due, medication, this.formatDue(new Date(notice.due))));
      }
      this.liveNotice.replaceChildren(card);
      this.loadDoses();
      const onReminders = !this.panel.hidden && this.remindersTab.getAttribute("aria-selected") === "true";
      if (!onReminders) {
        this.unseen += 1;
        this.updateBadges();
        this.toast.replaceChildren(el("strong", { text: notice.title }),
          el("button", { class: "cl-button", type: "button", text: "View", onclick: () => {
            this.selectTab("reminders");
            this.remindersTab.focus();
          } }));
        this.toast.hidden = false;
      }
    }
  }

  function mount() {
    window.__careline = new CarelineWidget();
  }
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount, { once: true });
})();
