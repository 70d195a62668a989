// Keyboard shortcuts on the item and queue pages: a approve, d deny, n next item.
document.addEventListener("keydown", function (ev) {
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
  var t = ev.target;
  if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) return;
  var form = document.getElementById("decide-form");
  var note = document.getElementById("note");
  function submitWith(id) {
    if (!form) return;
    var btn = document.getElementById(id);
    if (!btn) return;
    if (note && !note.value.trim()) { note.focus(); note.reportValidity(); return; }
    form.requestSubmit(btn);
  }
  if (ev.key === "a") { ev.preventDefault(); submitWith("approve-btn"); }
  else if (ev.key === "d") { ev.preventDefault(); submitWith("deny-btn"); }
  else if (ev.key === "n") {
    var next = document.getElementById("claim-next");
    if (next) { ev.preventDefault(); next.requestSubmit(); }
  }
});
