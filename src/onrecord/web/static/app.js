// onrecord's little JavaScript: the pages work without it.
// - draws a speaker's timeline with Plotly (served from the plotly package) from a JSON endpoint;
// - fills "Your name" in review forms from the last name used.
"use strict";

(function () {
  var COLOURS = { contradicts: "#c0392b", supports: "#1e8449", repeats: "#7f8c8d", none: "#2e86c1" };
  var LABELS = { contradicts: "contradicted", supports: "supported", repeats: "repeated", none: "no link" };

  function reviewerName() {
    var m = document.cookie.match(/(?:^|; )onrecord_reviewer=([^;]*)/);
    if (!m) return;
    var name = decodeURIComponent(m[1].replace(/^"|"$/g, ""));
    document.querySelectorAll("input.reviewer-name").forEach(function (input) {
      if (!input.value) input.value = name;
    });
  }

  function drawTimeline(el) {
    if (!window.Plotly) return;
    fetch(el.getAttribute("data-timeline"), { headers: { accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var traces = Object.keys(COLOURS).map(function (stance) {
          var pts = data.points.filter(function (p) { return p.stance === stance && p.date; });
          return {
            type: "scatter", mode: "markers", name: LABELS[stance],
            x: pts.map(function (p) { return p.date; }),
            y: pts.map(function (p) { return p.polarity === "deny" ? "denies" : "asserts"; }),
            text: pts.map(function (p) { return p.content.length > 140 ? p.content.slice(0, 140) + "…" : p.content; }),
            customdata: pts.map(function (p) { return p.id; }),
            hovertemplate: "%{x}<br>%{text}<extra>" + LABELS[stance] + "</extra>",
            marker: { color: COLOURS[stance], size: 12, line: { width: 1, color: "#fff" } }
          };
        }).filter(function (t) { return t.x.length; });
        if (!traces.length) { el.textContent = "No dated statements to chart."; return; }
        el.classList.add("drawn");
        window.Plotly.newPlot(el, traces, {
          margin: { l: 70, r: 20, t: 10, b: 40 }, height: 260, hovermode: "closest",
          xaxis: { type: "date" }, yaxis: { type: "category" }, legend: { orientation: "h" }
        }, { displaylogo: false, responsive: true });
        el.on("plotly_click", function (ev) {
          var id = ev.points && ev.points[0] && ev.points[0].customdata;
          if (id) window.location.href = "/statement/" + encodeURIComponent(id);
        });
      })
      .catch(function () { el.textContent = "The chart could not be drawn; the table below has every statement."; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    reviewerName();
    document.querySelectorAll("[data-timeline]").forEach(drawTimeline);
  });
})();
