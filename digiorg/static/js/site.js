// Behaviour shared by every page. No inline scripts or on*= attributes anywhere (the
// Content-Security-Policy forbids them): elements ask for behaviour with data- attributes.
document.addEventListener("change", (event) => {
  const select = event.target.closest("select[data-autosubmit]");
  if (select && select.form) select.form.requestSubmit();
});
document.addEventListener("submit", (event) => {
  // the language switch returns to the address shown now (htmx may have changed it)
  const form = event.target.closest("form[data-keep-location]");
  if (form && form.elements.next) form.elements.next.value = location.pathname + location.search;
});
