/* Dashboard charts (Apache ECharts, vendored). Data comes from the page's #chart-data. */
(function () {
  "use strict";
  function start() {
    var source = document.getElementById("chart-data");
    if (!source || !window.echarts) { return; }
    var data = JSON.parse(source.textContent);
    var font = { fontFamily: "DigiorgSarabun, sans-serif" };
    var colors = ["#0b5e55", "#0d6efd", "#adb5bd", "#fd7e14"];
    function chart(id, option) {
      var node = document.getElementById(id);
      if (!node) { return; }
      var instance = echarts.init(node, null, { renderer: "svg" });
      option.textStyle = font;
      option.color = colors;
      option.animation = false;
      instance.setOption(option);
      window.addEventListener("resize", function () { instance.resize(); });
    }
    var radar = data.radar;
    chart("chart-radar", {
      legend: { bottom: 0 },
      tooltip: {},
      radar: { indicator: radar.indicators.map(function (name) { return { name: name.length > 28 ? name.slice(0, 27) + "…" : name, max: 100 }; }), radius: "62%" },
      series: [{ type: "radar", data: radar.series.map(function (s) { return { name: s.name, value: s.values.map(function (v) { return v === null ? 0 : v; }) }; }) }]
    });
    var heat = data.heatmap;
    if (heat.units.length) {
      chart("chart-heatmap", {
        tooltip: { position: "top" },
        grid: { left: 90, right: 20, top: 10, bottom: 70 },
        xAxis: { type: "category", data: heat.topics, splitArea: { show: true } },
        yAxis: { type: "category", data: heat.units, splitArea: { show: true } },
        visualMap: { min: 0, max: 100, calculable: false, orient: "horizontal", left: "center", bottom: 0, inRange: { color: ["#f8d7da", "#fff3cd", "#d1e7dd", "#198754"] } },
        series: [{ type: "heatmap", data: heat.cells, label: { show: true, fontSize: 10 } }]
      });
    }
    var plan = data.plan;
    chart("chart-plan", {
      tooltip: {},
      grid: { left: 40, right: 20, top: 20, bottom: 30 },
      xAxis: { type: "category", data: plan.dimensions },
      yAxis: { type: "value", max: 100 },
      series: [{ type: "bar", name: plan.label, data: plan.percent, label: { show: true, position: "top" } }]
    });
    var trend = data.trend;
    if (trend.days.length) {
      chart("chart-trend", {
        tooltip: { trigger: "axis" },
        legend: { bottom: 0 },
        grid: { left: 40, right: 20, top: 20, bottom: 50 },
        xAxis: { type: "category", data: trend.days },
        yAxis: { type: "value", max: 100 },
        series: trend.series.map(function (s) { return { type: "line", name: s.name, data: s.values }; })
      });
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
