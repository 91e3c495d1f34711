// Charts of the dashboard, drawn from the same figures as the tables beside them.
// Without JavaScript (or if the chart library fails) the tables remain the whole page.
(function () {
  "use strict";
  var source = document.getElementById("dash-charts");
  if (!source || !window.frappe || !window.frappe.Chart) { return; }
  var data = JSON.parse(source.textContent);
  function draw(id, type, chartData, extra) {
    var el = document.getElementById(id);
    if (!el || !chartData.labels.length) { return; }
    var options = { data: chartData, type: type, height: 240,
      colors: ["#166534", "#65a30d", "#facc15", "#f97316", "#b91c1c", "#0e7490"] };
    for (var k in extra) { options[k] = extra[k]; }
    new window.frappe.Chart(el, options);
  }
  draw("chart-bands", "bar", data.bands, {});
  draw("chart-avg", "line", data.avg, { lineOptions: { dotSize: 6 } });
  draw("chart-criteria", "bar", data.criteria, {});
})();
