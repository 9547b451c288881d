// The portal's side of the demo: it hears every result of every widget.
const list = document.getElementById("events");
document.addEventListener("nianbao-result", (event) => {
  const r = event.detail;
  const li = document.createElement("li");
  const rules = [...new Set(r.diagnostics.map((d) => d.rule))].join(" ");
  li.textContent = r.error
    ? `${event.target.id}: ${r.file} — ${r.error.message}`
    : `${event.target.id}: ${r.file} — ${r.summary.errors} errors, ${r.summary.warnings} warnings (${rules})`;
  list.append(li);
});
