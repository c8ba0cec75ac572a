/* bilat dashboard: draw the charts (local plotly.js) and follow items to their evidence.
   Text from documents is never inserted as HTML here: only ids and textContent. */
(function () {
  "use strict";

  function drawCharts() {
    if (!window.Plotly) { return; }
    document.querySelectorAll(".chart[data-json]").forEach(function (el) {
      var src = document.getElementById(el.dataset.json);
      if (!src) { return; }
      var fig = JSON.parse(src.textContent);
      window.Plotly.newPlot(el, fig.data, fig.layout, {displaylogo: false, displayModeBar: false, responsive: true});
      el.on("plotly_click", function (ev) {
        var p = ev.points && ev.points[0];
        if (p && p.customdata && p.customdata[0]) { window.location.href = p.customdata[0]; }
      });
    });
  }

  /* The item a #item-ID hash names: mark all its parts and open its record. */
  function selectFromHash() {
    var m = /^#item-(.+)$/.exec(window.location.hash);
    document.querySelectorAll("mark.m.active, .val.sel").forEach(function (el) {
      el.classList.remove("active");
      el.classList.remove("sel");
    });
    if (!m) { return; }
    var id = decodeURIComponent(m[1]);
    var parts = document.querySelectorAll("mark.m[data-id]");
    var first = null;
    parts.forEach(function (el) {
      if (el.dataset.id === id) { el.classList.add("active"); first = first || el; }
    });
    document.querySelectorAll(".val[data-of]").forEach(function (el) {
      if (el.dataset.of === id) { el.classList.add("sel"); }
    });
    showRecord(id, first);
  }

  function showRecord(id, markEl) {
    var panel = document.getElementById("panel");
    if (!panel) { return; }
    panel.querySelectorAll("details").forEach(function (d) {
      var mine = d.dataset.id === id;
      d.open = mine;
      d.classList.toggle("current", mine);
      if (mine) { d.scrollIntoView({block: "nearest"}); }
    });
    /* every item whose evidence covers the clicked place, innermost first */
    var here = document.getElementById("here");
    var hint = document.getElementById("hint");
    if (!here || !markEl) { return; }
    here.textContent = "";
    var seen = {};
    for (var el = markEl; el && el.id !== "text"; el = el.parentElement) {
      if (el.matches("mark.m[data-id]") && !seen[el.dataset.id]) {
        seen[el.dataset.id] = true;
        var a = document.createElement("a");
        a.href = "#item-" + encodeURIComponent(el.dataset.id);
        a.textContent = el.dataset.kind + " " + el.dataset.id;
        here.appendChild(a);
      }
    }
    here.hidden = Object.keys(seen).length < 2;
    if (hint) { hint.hidden = true; }
  }

  function onTextClick(ev) {
    var el = ev.target.closest("mark.m[data-id]");
    if (!el) { return; }
    var target = "#item-" + encodeURIComponent(el.dataset.id);
    if (window.location.hash === target) { selectFromHash(); return; }
    window.location.hash = target;
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawCharts();
    var text = document.getElementById("text");
    if (text) {
      text.addEventListener("click", onTextClick);
      window.addEventListener("hashchange", selectFromHash);
      selectFromHash();
    }
  });
}());
