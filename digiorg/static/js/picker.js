// The criteria picker (core/pickers.py): a filter box over grouped checkboxes. Typing keeps the
// items whose number, text or topic contains what was typed (plain substring; Latin letters
// case-insensitive, Thai as typed); headings with nothing left hide too. The checkboxes are the
// form's real inputs, so without this script the form posts the same field.
(() => {
  "use strict";

  function setUp(picker) {
    if (picker.dataset.pickerReady) return;
    picker.dataset.pickerReady = "1";
    const tools = picker.querySelector(".picker-tools");
    const search = picker.querySelector(".picker-search");
    const onlyChosen = picker.querySelector(".picker-only");
    const status = picker.querySelector(".picker-status");
    const empty = picker.querySelector(".picker-empty");
    const items = [...picker.querySelectorAll(".picker-item")];
    const boxes = items.map((item) => item.querySelector("input[type=checkbox]"));
    tools.hidden = false;

    function update() {
      const words = search.value.normalize("NFC").toLocaleLowerCase().trim().split(/\s+/).filter(Boolean);
      let shown = 0;
      items.forEach((item, index) => {
        const text = item.dataset.search.normalize("NFC").toLocaleLowerCase();
        const visible = words.every((word) => text.includes(word)) && (!onlyChosen.checked || boxes[index].checked);
        item.hidden = !visible;
        if (visible) shown += 1;
      });
      picker.querySelectorAll(".picker-topic, .picker-group").forEach((group) => {
        group.hidden = !group.querySelector(".picker-item:not([hidden])");
      });
      empty.hidden = shown > 0;
      const chosen = boxes.filter((box) => box.checked).length;
      status.textContent = picker.dataset.textStatus
        .replace("{chosen}", chosen).replace("{shown}", shown).replace("{total}", items.length);
    }

    search.addEventListener("input", update);
    onlyChosen.addEventListener("change", update);
    picker.addEventListener("change", (event) => {
      if (event.target.matches(".picker-item input")) update();
    });
    search.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault(); // filtering, not sending the form
      if (event.key === "ArrowDown" || event.key === "Enter") {
        const first = boxes.find((box) => !box.closest(".picker-item").hidden);
        if (first) {
          event.preventDefault();
          first.focus();
        }
      }
    });
    update();
  }

  const start = () => document.querySelectorAll("[data-picker]").forEach(setUp);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  document.addEventListener("htmx:afterSettle", start);
})();
