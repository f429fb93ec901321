// A calendar for the date fields (core/datefields.py): Thai month names and Buddhist-era years
// (or the Christian era when the site says so). The text box stays the real input: the
// calendar only writes dd/mm/yyyy into it, and the server reads what is there.
// Keyboard: arrows move a day or a week, Home/End to the start/end of the week, Page Up/Down
// a month (with Shift a year), Enter or Space choose, Escape closes; focus returns to the button.
(() => {
  "use strict";
  const BE_OFFSET = 543;
  const ARABIC = { "๐": "0", "๑": "1", "๒": "2", "๓": "3", "๔": "4", "๕": "5", "๖": "6", "๗": "7", "๘": "8", "๙": "9" };
  let counter = 0;

  const pad = (n) => String(n).padStart(2, "0");
  const sameDay = (a, b) => a && b && a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
  const addDays = (d, n) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);
  const addMonths = (d, n) => {
    const last = new Date(d.getFullYear(), d.getMonth() + n + 1, 0).getDate();
    return new Date(d.getFullYear(), d.getMonth() + n, Math.min(d.getDate(), last));
  };
  const el = (tag, attrs = {}, text = "") => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    if (text) node.textContent = text;
    return node;
  };

  function setUp(wrapper) {
    const config = JSON.parse(wrapper.dataset.thaidate);
    const input = wrapper.querySelector("input");
    if (!input || wrapper.dataset.thaidateReady) return;
    wrapper.dataset.thaidateReady = "1";
    const offset = config.era === "be" ? BE_OFFSET : 0;
    const id = `thaidate-${++counter}`;
    const labels = config.labels;
    const yearText = (d) => `${config.yearPrefix}${d.getFullYear() + offset}`;
    const longText = (d) => `${config.daysLong[d.getDay()]} ${d.getDate()} ${config.months[d.getMonth()]} ${yearText(d)}`;

    // the button sits beside the text box
    const group = el("div", { class: "input-group thaidate-group" });
    input.parentNode.insertBefore(group, input);
    group.appendChild(input);
    const button = el("button", {
      type: "button", class: "btn btn-outline-secondary thaidate-toggle",
      "aria-label": labels.open, title: labels.open, "aria-haspopup": "dialog",
      "aria-expanded": "false", "aria-controls": id,
    });
    button.appendChild(calendarIcon());
    group.appendChild(button);

    const dialog = el("div", { class: "thaidate-popover", id, role: "dialog", "aria-modal": "false", "aria-labelledby": `${id}-title` });
    dialog.hidden = true;
    const header = el("div", { class: "thaidate-header" });
    const navButton = (label, text, step) => {
      const b = el("button", { type: "button", class: "btn btn-sm btn-light thaidate-nav", "aria-label": label, title: label }, text);
      b.addEventListener("click", () => { focused = addMonths(focused, step); draw(); });
      return b;
    };
    const title = el("h2", { class: "thaidate-title", id: `${id}-title`, "aria-live": "polite" });
    header.append(navButton(labels.prevYear, "«", -12), navButton(labels.prevMonth, "‹", -1), title,
      navButton(labels.nextMonth, "›", 1), navButton(labels.nextYear, "»", 12));
    const grid = el("table", { class: "thaidate-grid", role: "grid", "aria-labelledby": `${id}-title` });
    const head = el("thead");
    const headRow = el("tr");
    config.days.forEach((day, index) => {
      const th = el("th", { scope: "col", abbr: config.daysLong[index] }, day);
      headRow.appendChild(th);
    });
    head.appendChild(headRow);
    const body = el("tbody");
    grid.append(head, body);
    const help = el("p", { class: "thaidate-help", id: `${id}-help` }, labels.help);
    grid.setAttribute("aria-describedby", `${id}-help`);
    const footer = el("div", { class: "thaidate-footer" });
    const todayButton = el("button", { type: "button", class: "btn btn-sm btn-outline-primary" }, labels.today);
    const closeButton = el("button", { type: "button", class: "btn btn-sm btn-outline-secondary" }, labels.close);
    footer.append(todayButton, closeButton);
    dialog.append(header, grid, help, footer);
    wrapper.appendChild(dialog);

    let focused = new Date();
    let chosen = null;

    function readInput() {
      const text = input.value.replace(/[๐-๙]/g, (c) => ARABIC[c]).trim();
      const match = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(text);
      if (!match) return null;
      const year = Number(match[3]) - offset;
      const date = new Date(year, Number(match[2]) - 1, Number(match[1]));
      return date.getMonth() === Number(match[2]) - 1 ? date : null;
    }

    function draw(moveFocus = true) {
      title.textContent = `${config.months[focused.getMonth()]} ${yearText(focused)}`;
      body.replaceChildren();
      const first = new Date(focused.getFullYear(), focused.getMonth(), 1);
      let day = addDays(first, -first.getDay());
      const today = new Date();
      for (let week = 0; week < 6; week++) {
        const row = el("tr");
        for (let i = 0; i < 7; i++) {
          const cell = el("td");
          const inMonth = day.getMonth() === focused.getMonth();
          const b = el("button", {
            type: "button", class: "thaidate-day", tabindex: sameDay(day, focused) ? "0" : "-1",
            "aria-label": longText(day), "data-day": `${day.getFullYear()}-${day.getMonth() + 1}-${day.getDate()}`,
          }, String(day.getDate()));
          if (!inMonth) b.classList.add("thaidate-outside");
          if (sameDay(day, today)) { b.classList.add("thaidate-today"); b.setAttribute("aria-current", "date"); }
          if (sameDay(day, chosen)) { b.classList.add("thaidate-chosen"); cell.setAttribute("aria-selected", "true"); }
          cell.appendChild(b);
          row.appendChild(cell);
          day = addDays(day, 1);
        }
        body.appendChild(row);
      }
      if (moveFocus) body.querySelector("button[tabindex='0']").focus();
    }

    function open() {
      chosen = readInput();
      focused = chosen || new Date();
      dialog.style.top = `${group.offsetTop + group.offsetHeight + 4}px`;
      dialog.hidden = false;
      button.setAttribute("aria-expanded", "true");
      draw();
    }

    function close(returnFocus = true) {
      if (dialog.hidden) return;
      dialog.hidden = true;
      button.setAttribute("aria-expanded", "false");
      if (returnFocus) button.focus();
    }

    function choose(date) {
      input.value = `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear() + offset}`;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
      close();
    }

    button.addEventListener("click", () => (dialog.hidden ? open() : close()));
    todayButton.addEventListener("click", () => choose(new Date()));
    closeButton.addEventListener("click", () => close());
    body.addEventListener("click", (event) => {
      const b = event.target.closest("button[data-day]");
      if (!b) return;
      const [y, m, d] = b.dataset.day.split("-").map(Number);
      choose(new Date(y, m - 1, d));
    });
    body.addEventListener("keydown", (event) => {
      const moves = {
        ArrowLeft: () => addDays(focused, -1), ArrowRight: () => addDays(focused, 1),
        ArrowUp: () => addDays(focused, -7), ArrowDown: () => addDays(focused, 7),
        Home: () => addDays(focused, -focused.getDay()), End: () => addDays(focused, 6 - focused.getDay()),
        PageUp: () => addMonths(focused, event.shiftKey ? -12 : -1),
        PageDown: () => addMonths(focused, event.shiftKey ? 12 : 1),
      };
      if (moves[event.key]) {
        event.preventDefault();
        focused = moves[event.key]();
        draw();
      } else if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        choose(focused);
      }
    });
    dialog.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        close();
      } else if (event.key === "Tab") {
        // keep Tab inside the calendar while it is open
        const stops = [...dialog.querySelectorAll("button")].filter((b) => (b.closest("tbody") ? b.getAttribute("tabindex") === "0" : true));
        const index = stops.indexOf(document.activeElement);
        const next = event.shiftKey ? (index <= 0 ? stops.length - 1 : index - 1) : (index + 1) % stops.length;
        event.preventDefault();
        stops[next].focus();
      }
    });
    document.addEventListener("mousedown", (event) => {
      if (!dialog.hidden && !wrapper.contains(event.target)) close(false);
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown" && event.altKey) {
        event.preventDefault();
        open();
      }
    });
  }

  function calendarIcon() {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("width", "16");
    svg.setAttribute("height", "16");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    const path = document.createElementNS(ns, "path");
    path.setAttribute("fill", "currentColor");
    path.setAttribute("d", "M4 0a.5.5 0 0 1 .5.5V1h7V.5a.5.5 0 0 1 1 0V1H14a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H2a2 2 0 0 1-2-2V3a2 2 0 0 1 2-2h1.5V.5A.5.5 0 0 1 4 0M1 5v9a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V5zm2 2h2v2H3zm4 0h2v2H7zm4 0h2v2h-2zM3 11h2v2H3zm4 0h2v2H7z");
    svg.appendChild(path);
    return svg;
  }

  const start = () => document.querySelectorAll("[data-thaidate]").forEach(setUp);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  document.addEventListener("htmx:afterSettle", start);
})();
