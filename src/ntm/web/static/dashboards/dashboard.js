// Charts of the dashboard, drawn from the same figures as the tables beside them.
// Without JavaScript (or if the chart library fails) the tables remain the whole page.
(function () {
  "use strict";
  var source = document.getElementById("dash-charts");
  if (!source || !window.frappe || !window.frappe.Chart) { return; }
  var data = JSON.parse(source.textContent);
  // Numbers for people in Vietnamese format (6,75; 1.847), as in the tables.
  var vn = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });
  var english = /^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$/;

  // The library writes its axis numbers the English way and has no hook for it; it also redraws
  // them (on resize), so each label it writes is rewritten once, and marked as done.
  function vietnameseAxis(el) {
    function fix() {
      el.querySelectorAll(".y.axis text").forEach(function (t) {
        var raw = t.textContent.trim();
        if (raw === t.getAttribute("data-vn") || !english.test(raw)) { return; }
        var shown = vn.format(Number(raw.replace(/,/g, "")));
        t.setAttribute("data-vn", shown);
        t.textContent = shown;
      });
    }
    fix();
    new MutationObserver(fix).observe(el, { childList: true, subtree: true, characterData: true });
  }

  function draw(id, type, chartData, extra) {
    var el = document.getElementById(id);
    if (!el || !chartData.labels.length) { return; }
    var options = { data: chartData, type: type, height: 240,
      colors: ["#166534", "#65a30d", "#facc15", "#f97316", "#b91c1c", "#0e7490"],
      tooltipOptions: { formatTooltipY: function (v) { return vn.format(v); } } };
    for (var k in extra) { options[k] = extra[k]; }
    new window.frappe.Chart(el, options);
    vietnameseAxis(el);
  }
  draw("chart-bands", "bar", data.bands, {});
  draw("chart-avg", "line", data.avg, { lineOptions: { dotSize: 6 } });
  draw("chart-criteria", "bar", data.criteria, {});
  // The forecast (issue #15.2): actual as bars, the expected count and its band as lines, the
  // targets as markers.
  var forecast = document.getElementById("dash-forecast");
  if (forecast) {
    draw("chart-forecast", "axis-mixed", JSON.parse(forecast.textContent),
      { lineOptions: { dotSize: 4 }, barOptions: { spaceRatio: 0.4 } });
  }
})();
