// Careline clinician console: sign in with a clinician token (kept in sessionStorage), the conversation list
// (most urgent first), one conversation with its summary, the profile, adherence for 7 and 30 days, reviews.
// Every text from the server is set with textContent; nothing is parsed as HTML.
(() => {
  "use strict";

  const TOKEN_KEY = "careline.console.token";
  const $ = (id) => document.getElementById(id);
  const SVG_NS = "http://www.w3.org/2000/svg";
  const LEVEL_LABEL = { emergency: "Emergency", urgent: "Urgent", routine: "Routine" };
  const OUTCOMES = ["taken", "skipped", "missed", "pending"];
  const OUTCOME_COLOR = { taken: "#12b76a", skipped: "#98a2b3", missed: "#f04438", pending: "#fdb022" };

  const state = { token: null, me: null, selected: null, patients: new Map(), items: [], nextOffset: null };
  const PAGE_SIZE = 50;

  // -- helpers ----------------------------------------------------------------------------------------------

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

  function svg(tag, attributes) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (key === "text") node.textContent = String(value);
      else node.setAttribute(key, String(value));
    }
    return node;
  }

  function safeUrl(url) {
    try {
      const parsed = new URL(String(url || ""), window.location.href);
      return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
    } catch (_) {
      return null;
    }
  }

  const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
  const shortDay = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });

  function ago(iso) {
    const seconds = (Date.now() - Date.parse(iso)) / 1000;
    if (seconds < 60) return "just now";
    if (seconds < 3600) return Math.floor(seconds / 60) + " min ago";
    if (seconds < 86400) return Math.floor(seconds / 3600) + " h ago";
    if (seconds < 7 * 86400) return Math.floor(seconds / 86400) + " d ago";
    return shortDay.format(new Date(iso));
  }

  function timeEl(iso) {
    return el("time", { datetime: iso, title: absolute.format(new Date(iso)), text: ago(iso) });
  }

  function levelBadge(level) {
    return el("span", { class: "badge " + level, text: LEVEL_LABEL[level] || level });
  }

  function flagText(flag) {
    const [kind, name] = flag.split(":");
    return name ? kind + ": " + name.replace(/_/g, " ") : flag;
  }

  function percent(rate) {
    return rate === null || rate === undefined ? "\u2013" : Math.round(rate * 100) + "%";
  }

  class ApiError extends Error {
    constructor(message, status) { super(message); this.status = status; }
  }

  async function api(path, options = {}) {
    const headers = { Authorization: "Bearer " + state.token };
    if (options.body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(path, {
      method: options.method || "GET", headers, cache: "no-store",
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      if (response.status === 401) signOut("Your session has ended. Sign in again.");
      throw new ApiError((data.error && data.error.message) || "Request failed (" + response.status + ")", response.status);
    }
    return data;
  }

  // -- sign in and out --------------------------------------------------------------------------------------

  async function signIn(token) {
    state.token = token;
    try {
      state.me = await api("/api/v1/clinician/me");
    } catch (error) {
      state.token = null;
      throw error;
    }
    sessionStorage.setItem(TOKEN_KEY, token);
    $("sign-in").hidden = true;
    $("app").hidden = false;
    $("who-name").replaceChildren("Signed in as ", el("strong", { text: state.me.name }));
    await loadList();
  }

  function signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    state.token = null;
    state.selected = null;
    state.items = [];
    state.nextOffset = null;
    $("app").hidden = true;
    $("sign-in").hidden = false;
    $("sign-in-error").textContent = message || "";
    $("token").value = "";
    $("token").focus();
  }

  // -- the list ---------------------------------------------------------------------------------------------

  function listQuery(limit, offset) {
    const params = new URLSearchParams({ limit: String(limit), offset: String(offset) });
    const reviewed = $("filter-reviewed").value;
    const flag = $("filter-flag").value;
    const patient = $("filter-patient").value;
    if (reviewed) params.set("reviewed", reviewed);
    if (flag) params.set("flag", flag);
    if (patient) params.set("patient_id", patient);
    return params.toString();
  }

  // Reloading (new filters, refresh, after a review) keeps as many conversations as were shown, so the
  // clinician's place in a long list is not lost.
  async function loadList(event) {
    const filtersChanged = event && event.type === "change";
    const limit = filtersChanged ? PAGE_SIZE : Math.min(500, Math.max(PAGE_SIZE, state.items.length));
    await fetchPage(limit, 0, false);
  }

  async function loadMore() {
    if (state.nextOffset === null) return;
    const shown = state.items.length;
    await fetchPage(PAGE_SIZE, state.nextOffset, true);
    // Keyboard users land on the first conversation of the new page, not at the top of the page.
    const first = document.querySelectorAll(".conversation-item")[shown];
    if (first) first.focus();
  }

  async function fetchPage(limit, offset, append) {
    $("list-status").textContent = "Loading\u2026";
    try {
      const data = await api("/api/v1/clinician/conversations?" + listQuery(limit, offset));
      state.items = append ? state.items.concat(data.conversations) : data.conversations;
      state.nextOffset = data.next_offset;
      for (const item of state.items) state.patients.set(item.patient_id, item.patient_name);
      renderPatientFilter();
      renderList();
    } catch (error) {
      $("list-status").textContent = error.message;
    }
  }

  function renderPatientFilter() {
    const select = $("filter-patient");
    const current = select.value;
    const options = [el("option", { value: "", text: "All patients" })];
    const sorted = [...state.patients.entries()].sort((a, b) => a[1].localeCompare(b[1]));
    for (const [id, name] of sorted) options.push(el("option", { value: id, text: name }));
    select.replaceChildren(...options);
    select.value = current;
  }

  function renderList() {
    const list = $("conversation-list");
    const count = state.items.length;
    $("list-status").textContent = count ? "" : "No conversations match these filters.";
    list.replaceChildren(...state.items.map((item) => {
      const button = el("button", {
        class: "conversation-item level-" + item.safety_level, type: "button",
        "aria-current": item.id === state.selected ? "true" : "false",
        "data-conversation-id": item.id,
        onclick: () => openConversation(item.id),
      },
      el("div", { class: "item-top" },
        el("span", { class: "item-name", text: item.patient_name }),
        el("span", { class: "item-time" }, timeEl(item.updated_at))),
      el("p", { class: "item-preview", text: item.preview || "No messages." }),
      el("div", { class: "item-tags" },
        levelBadge(item.safety_level),
        item.reviewed ? el("span", { class: "badge reviewed", text: "\u2713 Reviewed" }) : null,
        item.flags.filter((f) => !f.startsWith(item.safety_level + ":")).slice(0, 2)
          .map((flag) => el("span", { class: "badge flag", text: flagText(flag) })),
        el("span", { class: "item-time", text: item.message_count + " messages" })));
      return el("li", {}, button);
    }));
    if (state.nextOffset !== null) {
      list.append(el("li", { class: "more-item" },
        el("button", { class: "more-button", type: "button", text: "Show more conversations", onclick: loadMore })));
    }
  }

  // -- one conversation -------------------------------------------------------------------------------------

  async function openConversation(id) {
    state.selected = id;
    for (const button of document.querySelectorAll(".conversation-item")) {
      button.setAttribute("aria-current", String(button.dataset.conversationId === id));
    }
    const pane = $("detail");
    pane.replaceChildren(el("p", { class: "list-status", role: "status", text: "Loading the conversation\u2026" }));
    try {
      const detail = await api("/api/v1/clinician/conversations/" + encodeURIComponent(id));
      renderDetail(detail);
      pane.focus();
    } catch (error) {
      pane.replaceChildren(el("p", { class: "form-error", role: "alert", text: error.message }));
    }
  }

  function renderDetail(detail) {
    const conversation = detail.conversation;
    const profile = detail.patient.profile;
    const head = el("div", { class: "detail-head" },
      el("div", {},
        el("h2", { text: profile.name }),
        el("p", { class: "detail-meta" },
          levelBadge(conversation.safety_level),
          conversation.reviewed ? el("span", { class: "badge reviewed", text: "\u2713 Reviewed" }) : null,
          "Started ", timeEl(conversation.created_at), " \u00b7 last message ", timeEl(conversation.updated_at),
          " \u00b7 " + conversation.message_count + " messages")));
    const transcript = el("section", { class: "card", "aria-labelledby": "transcript-title" },
      el("h3", { id: "transcript-title", text: "Transcript" }), renderTranscript(detail.messages));
    const side = el("div", { class: "column" },
      renderSummary(detail.summary),
      renderAdherence(detail.adherence),
      renderReview(detail),
      renderProfile(profile));
    $("detail").replaceChildren(head, el("div", { class: "detail-grid" }, el("div", { class: "column" }, transcript), side));
  }

  function renderTranscript(messages) {
    const container = el("div", { class: "transcript" });
    for (const message of messages) {
      const user = message.role === "user";
      const flags = (message.safety && message.safety.flags) || [];
      const level = message.safety && message.safety.level;
      const flagged = user && level && level !== "routine";
      const head = el("div", { class: "turn-head" },
        el("span", { class: "turn-role", text: user ? "Patient" : "Careline" }),
        timeEl(message.created_at),
        user && flags.length ? flags.map((flag) => el("span", {
          class: "badge " + (flag.split(":")[0] in LEVEL_LABEL ? flag.split(":")[0] : "flag"), text: flagText(flag),
        })) : null,
        !user && message.abstained ? el("span", { class: "badge abstained", text: "Could not answer" }) : null);
      const body = el("div", { class: "turn-body" });
      if (user) {
        body.textContent = message.text;
      } else {
        const citations = new Map((message.citations || []).map((c) => [Number(c.n), c]));
        body.appendChild(richText(message.text, citations));
        if (citations.size) body.appendChild(sourceList([...citations.values()]));
      }
      container.appendChild(el("article", {
        class: "turn " + (user ? "user" : "assistant") + (flagged ? " flagged" : ""), id: "message-" + message.id,
        "aria-label": (user ? "Patient" : "Careline") + " message",
      }, head, body));
    }
    if (!messages.length) container.appendChild(el("p", { text: "No messages yet." }));
    return container;
  }

  function richText(text, citations) {
    const fragment = document.createDocumentFragment();
    for (const paragraph of String(text).split(/\n{2,}/)) {
      const lines = paragraph.split("\n").filter((line) => line.trim());
      let list = null;
      for (const line of lines) {
        const bullet = /^\s*[-*\u2022]\s+/.exec(line);
        if (bullet) {
          if (!list) list = fragment.appendChild(el("ul"));
          list.appendChild(inline(el("li"), line.slice(bullet[0].length), citations));
        } else if (line.trim() === "For you:") {
          list = null;
          fragment.appendChild(el("p", {}, el("strong", { text: "For you" })));
        } else {
          list = null;
          fragment.appendChild(inline(el("p"), line, citations));
        }
      }
    }
    return fragment;
  }

  function inline(node, text, citations) {
    for (const part of String(text).split(/(\[\d+\])/)) {
      if (!part) continue;
      const marker = /^\[(\d+)\]$/.exec(part);
      const citation = marker && citations.get(Number(marker[1]));
      const href = citation && safeUrl(citation.url);
      if (marker && href) {
        node.appendChild(el("a", {
          class: "cite", href, target: "_blank", rel: "noopener noreferrer", text: marker[1],
          "aria-label": "Source " + marker[1] + ": " + citation.title,
        }));
      } else if (marker) {
        node.appendChild(el("span", { class: "cite", text: marker[1] }));
      } else {
        node.appendChild(document.createTextNode(part.replace(/\*\*/g, "")));
      }
    }
    return node;
  }

  function sourceList(citations) {
    return el("ol", { class: "sources", "aria-label": "Sources" }, citations.sort((a, b) => a.n - b.n).map((c) => {
      const href = safeUrl(c.url);
      return el("li", {},
        el("span", { class: "n", text: String(c.n) }),
        href ? el("a", { href, target: "_blank", rel: "noopener noreferrer", text: c.title }) : c.title,
        c.source ? el("span", { class: "pub", text: " \u00b7 " + c.source }) : null);
    }));
  }

  function section(title, ...content) {
    return el("div", { class: "summary-section" }, el("h4", { text: title }), ...content);
  }

  function renderSummary(summary) {
    const parts = [el("p", { class: "summary-reason", text: summary.reason })];
    if (summary.safety_flags.length) {
      parts.push(section("Safety flags", el("ul", { class: "flag-list" }, summary.safety_flags.map((flag) =>
        el("li", { class: "flag-item " + flag.level },
          el("strong", { text: (LEVEL_LABEL[flag.level] ? LEVEL_LABEL[flag.level] + ": " : "") + flag.label }),
          el("q", { text: flag.message }))))));
    }
    if (summary.symptoms.length) {
      parts.push(section("Symptoms mentioned", el("div", { class: "chips" }, summary.symptoms.map((symptom) =>
        el("span", {
          class: "badge " + (symptom.status === "reported" ? "reported" : "denied"),
          text: symptom.status === "reported" ? symptom.name
            : symptom.status === "denied" ? "no " + symptom.name : symptom.name + " (" + symptom.status + ")",
          title: symptom.status,
        })))));
    }
    if (summary.medicines.length) {
      parts.push(section("Medicines discussed", el("div", { class: "chips" },
        summary.medicines.map((medicine) => el("span", { class: "badge flag", text: medicine.name })))));
    }
    if (summary.unanswered.length) {
      parts.push(section("Careline could not answer", el("ul", {},
        summary.unanswered.map((item) => el("li", { text: item.question })))));
    }
    parts.push(section("Adherence", el("p", { text: summary.adherence.text })));
    parts.push(section("Suggested follow-up", el("ul", { class: "follow-up" },
      summary.follow_up.map((step) => el("li", { text: step })))));
    const engine = summary.engine === "offline" ? "Offline summary" : "Summary by " + summary.engine.replace(/^llm:/, "");
    parts.push(el("p", { class: "card-note" }, engine + " \u00b7 made ", timeEl(summary.generated_at),
      " \u00b7 " + summary.message_count + " messages"));
    return el("section", { class: "card", "aria-labelledby": "summary-title" },
      el("h3", { id: "summary-title", text: "Summary" }), ...parts);
  }

  function renderReview(detail) {
    const conversation = detail.conversation;
    const note = el("textarea", { id: "review-note", maxlength: "4000", placeholder: "What was done or decided (optional)" });
    const status = el("span", { class: "list-status", role: "status" });
    const submit = el("button", { type: "submit", class: "button primary", text: conversation.reviewed ? "Add a review note" : "Mark reviewed" });
    const form = el("form", { class: "review-form" },
      el("label", { for: "review-note", text: "Review note" }), note,
      el("div", { class: "actions" }, submit, status));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      submit.disabled = true;
      try {
        await api("/api/v1/clinician/conversations/" + encodeURIComponent(conversation.id) + "/review",
          { method: "POST", body: { note: note.value } });
        await loadList();
        await openConversation(conversation.id);
        const announcer = document.querySelector(".review-form [role=status]");
        if (announcer) announcer.textContent = "Marked reviewed.";
      } catch (error) {
        status.textContent = error.message;
        submit.disabled = false;
      }
    });
    const reviews = el("ul", { class: "review-list" }, detail.reviews.map((review) =>
      el("li", {},
        el("div", { class: "meta" }, "\u2713 " + review.reviewer_name + " \u00b7 ", timeEl(review.created_at)),
        review.note ? el("div", { text: review.note }) : null)));
    return el("section", { class: "card", "aria-labelledby": "review-title" },
      el("h3", { id: "review-title", text: "Review" }), form, detail.reviews.length ? reviews : null);
  }

  function renderProfile(profile) {
    const rows = [];
    const add = (label, value) => rows.push(el("dt", { text: label }), el("dd", {}, value));
    const list = (items, empty) => items.length ? el("ul", {}, items.map((item) => el("li", { text: item }))) : empty;
    const age = profile.birth_date ? Math.floor((Date.now() - Date.parse(profile.birth_date)) / (365.25 * 86400000)) : null;
    add("Born", profile.birth_date ? profile.birth_date + " (" + age + " years)" : "Not given");
    add("Sex", profile.sex || "Not given");
    if (profile.pregnant) add("Pregnant", "Yes");
    add("Conditions", list(profile.conditions, "None listed"));
    add("Allergies", list(profile.allergies, "None listed"));
    add("Medicines", list(profile.medications.map((m) => [m.name, m.dose, m.instructions].filter(Boolean).join(" \u00b7 ")), "None listed"));
    add("Time zone", profile.timezone);
    return el("section", { class: "card", "aria-labelledby": "profile-title" },
      el("h3", { id: "profile-title", text: "Profile" }), el("dl", { class: "profile-grid" }, rows));
  }

  function stat(label, counts) {
    const answered = counts ? counts.taken + counts.skipped + counts.missed : 0;
    return el("div", { class: "stat" },
      el("div", { class: "label", text: label }),
      el("div", { class: "value", text: percent(counts && counts.rate) }),
      el("div", { class: "detail", text: answered
        ? counts.taken + " of " + answered + " doses taken \u00b7 " + counts.missed + " missed"
        : "No doses answered yet" }));
  }

  function renderAdherence(adherence) {
    const week = adherence.overall.last_7_days;
    const month = adherence.overall.last_30_days;
    const card = el("section", { class: "card", "aria-labelledby": "adherence-title" },
      el("h3", { id: "adherence-title", text: "Adherence" }),
      el("div", { class: "stat-row" }, stat("Last 7 days", week), stat("Last 30 days", month)),
      adherenceChart(adherence.daily),
      el("ul", { class: "legend", "aria-hidden": "true" }, OUTCOMES.map((outcome) =>
        el("li", {}, el("span", { class: outcome }), outcome[0].toUpperCase() + outcome.slice(1)))));
    if (adherence.reminders.length) {
      card.appendChild(el("table", { class: "med-table" },
        el("caption", { class: "sr-only", text: "Doses taken per medicine" }),
        el("thead", {}, el("tr", {}, el("th", { scope: "col", text: "Medicine" }),
          el("th", { scope: "col", class: "num", text: "7 days" }), el("th", { scope: "col", class: "num", text: "30 days" }))),
        el("tbody", {}, adherence.reminders.map((r) => el("tr", {},
          el("td", { text: [r.medication, r.dose].filter(Boolean).join(" ") }),
          el("td", { class: "num", text: percent(r.last_7_days.rate) }),
          el("td", { class: "num", text: percent(r.last_30_days.rate) }))))));
    } else {
      card.appendChild(el("p", { class: "card-note", text: "No medicine reminders are set up for this patient." }));
    }
    return card;
  }

  /** Stacked bars, one per day for 30 days; the last 7 days are shaded. Inline SVG, no library. */
  function adherenceChart(daily) {
    const width = 420;
    const height = 130;
    const top = 8;
    const bottom = 22;
    const left = 22;
    const plotHeight = height - top - bottom;
    const slot = (width - left) / Math.max(daily.length, 1);
    const most = Math.max(1, ...daily.map((day) => OUTCOMES.reduce((sum, o) => sum + day[o], 0)));
    const total = (key) => daily.reduce((sum, day) => sum + day[key], 0);
    const chart = svg("svg", {
      class: "chart", viewBox: "0 0 " + width + " " + height, role: "img",
      "aria-label": "Doses per day, last " + daily.length + " days: " + OUTCOMES.map((o) => total(o) + " " + o).join(", "),
    });
    const weekStart = left + slot * Math.max(daily.length - 7, 0);
    chart.appendChild(svg("rect", { x: weekStart, y: 0, width: width - weekStart, height: height - bottom + 4, fill: "#dbe9f8", rx: 6 }));
    chart.appendChild(svg("text", { x: width - 4, y: height - 6, "text-anchor": "end", "font-size": 10, fill: "#475467", text: "last 7 days" }));
    for (const fraction of [0, 0.5, 1]) {
      const y = top + plotHeight * (1 - fraction);
      chart.appendChild(svg("line", { x1: left, x2: width, y1: y, y2: y, stroke: "#e4e7ec", "stroke-width": 1 }));
      if (fraction !== 0.5) {
        chart.appendChild(svg("text", { x: left - 6, y: y + 3, "text-anchor": "end", "font-size": 10, fill: "#667085", text: String(most * fraction) }));
      }
    }
    daily.forEach((day, index) => {
      let y = top + plotHeight;
      const x = left + index * slot + slot * 0.18;
      const barWidth = slot * 0.64;
      for (const outcome of OUTCOMES) {
        if (!day[outcome]) continue;
        const h = (day[outcome] / most) * plotHeight;
        y -= h;
        const bar = svg("rect", { x, y, width: barWidth, height: h, fill: OUTCOME_COLOR[outcome], rx: 1.5 });
        bar.appendChild(svg("title", { text: day.date + ": " + day[outcome] + " " + outcome }));
        chart.appendChild(bar);
      }
    });
    if (daily.length) {
      chart.appendChild(svg("text", { x: left, y: height - 6, "font-size": 10, fill: "#475467", text: shortDay.format(new Date(daily[0].date + "T12:00:00")) }));
    }
    return chart;
  }

  // -- start ------------------------------------------------------------------------------------------------

  function init() {
    $("sign-in-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      $("sign-in-error").textContent = "";
      try {
        await signIn($("token").value.trim());
      } catch (error) {
        $("sign-in-error").textContent = error.status === 403
          ? "That is not a clinician token." : error.message;
      }
    });
    $("sign-out").addEventListener("click", () => signOut());
    $("refresh").addEventListener("click", loadList);
    for (const id of ["filter-reviewed", "filter-flag", "filter-patient"]) $(id).addEventListener("change", loadList);
    const saved = sessionStorage.getItem(TOKEN_KEY);
    if (saved) {
      signIn(saved).catch(() => signOut("Sign in again."));
    } else {
      signOut();
    }
  }

  init();
})();
