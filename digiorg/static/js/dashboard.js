/* Dashboard charts (Apache ECharts, vendored). Data comes from the page's #chart-data.
   Labels are whole names, wrapped between Thai words (Intl.Segmenter), in dark text; every
   chart has a legend; the page holds a table or a summary of each chart for screen readers. */
(function () {
  "use strict";
  var INK = "#212529";  // every chart text: names, ticks, legends, labels (15:1 on white)
  var FAMILY = "DigiorgSarabun, sans-serif";
  var font = { fontFamily: FAMILY, color: INK };
  var colors = ["#0b5e55", "#0d6efd", "#6c757d", "#fd7e14"];
  var COMBINING = /[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/g;  // Thai marks take no width

  function width(text) { return text.replace(COMBINING, "").length; }

  function words(text) {
    if (window.Intl && Intl.Segmenter) {
      var lang = document.documentElement.lang || "th";
      return Array.from(new Intl.Segmenter(lang, { granularity: "word" }).segment(text), function (s) { return s.segment; });
    }
    return text.split(/(\s+)/);
  }

  // Break a label into lines of about `max` characters, only between words.
  function wrap(text, max) {
    var lines = [];
    var line = "";
    words(String(text)).forEach(function (word) {
      // never leave a dimension's number ("2. ") alone on its line
      if (width(line.trim()) > 3 && width(line + word) > max && word.trim()) {
        lines.push(line.trim());
        line = word;
      } else {
        line += word;
      }
    });
    if (line.trim()) { lines.push(line.trim()); }
    // a short last word ("1" of "ที่ 1", "รัฐ") stays with the line before it
    if (lines.length > 1 && width(lines[lines.length - 1]) <= 3) {
      var last = lines.pop();
      lines[lines.length - 1] += (/^[0-9]/.test(last) ? " " : "") + last;
    }
    return lines.join("\n");
  }

  function narrow(node) { return node.clientWidth < 520; }

  function chart(id, build) {
    var node = document.getElementById(id);
    if (!node) { return; }
    var instance = echarts.init(node, null, { renderer: "svg" });
    var small = narrow(node);
    function draw() {
      var option = build(node, small);
      option.textStyle = font;
      option.color = option.color || colors;
      option.animation = false;
      instance.setOption(option, true);
    }
    draw();
    window.addEventListener("resize", function () {
      if (narrow(node) !== small) { small = narrow(node); draw(); }
      instance.resize();
    });
  }

  function legend() {
    return { bottom: 0, textStyle: { fontFamily: FAMILY, color: INK, fontSize: 13 }, itemGap: 16 };
  }

  function start() {
    var source = document.getElementById("chart-data");
    if (!source || !window.echarts) { return; }
    var data = JSON.parse(source.textContent);

    var radar = data.radar;
    chart("chart-radar", function (node, small) {
      return {
        legend: legend(),
        tooltip: {},
        radar: {
          indicator: radar.indicators.map(function (name) { return { name: name, max: 100 }; }),
          radius: small ? "48%" : "58%",
          center: ["50%", small ? "47%" : "48%"],
          axisName: {
            fontFamily: FAMILY, color: INK, fontSize: small ? 11 : 12, lineHeight: small ? 14 : 16,
            formatter: function (name) { return wrap(name, small ? 11 : 16); }
          },
          axisLine: { lineStyle: { color: "#adb5bd" } },
          splitLine: { lineStyle: { color: "#ced4da" } }
        },
        series: [{
          type: "radar",
          data: radar.series.map(function (s) {
            return { name: s.name, value: s.values.map(function (v) { return v === null ? 0 : v; }) };
          })
        }]
      };
    });

    var plan = data.plan;
    chart("chart-plan", function (node, small) {
      return {
        legend: legend(),
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        grid: { left: 8, right: 48, top: 8, bottom: 40, containLabel: true },
        xAxis: { type: "value", min: 0, max: 100, axisLabel: { fontFamily: FAMILY, color: INK, formatter: "{value}%" } },
        yAxis: {
          type: "category", inverse: true, data: plan.dimensions,
          // the family again: containLabel measures axis labels in their own font, not the
          // chart's textStyle, and Sarabun is wider than the fallback (names got cut)
          axisLabel: {
            fontFamily: FAMILY, color: INK, fontSize: small ? 11 : 12, lineHeight: small ? 14 : 15,
            formatter: function (name) { return wrap(name, small ? 14 : 22); }
          }
        },
        series: [{
          type: "bar", name: plan.label, data: plan.percent, barMaxWidth: 22,
          label: {
            show: true, position: "right", color: INK,
            formatter: function (p) { return p.value === null || p.value === undefined ? "–" : p.value + "%"; }
          }
        }]
      };
    });

    var heat = data.heatmap;
    if (heat.units.length) {
      var box = document.getElementById("chart-heatmap");
      if (box) { box.style.height = Math.max(320, heat.units.length * 38 + 90) + "px"; }
      chart("chart-heatmap", function (node, small) {
        return {
          tooltip: {
            position: "top",
            formatter: function (p) {
              var esc = echarts.format.encodeHTML;  // names are people's text: never HTML
              return esc(heat.units[p.value[1]]) + "<br>" + esc(heat.topic_titles[p.value[0]]) + ": <b>" + p.value[2] + "</b>";
            }
          },
          grid: { left: 8, right: 12, top: 8, bottom: 8, containLabel: true },
          xAxis: { type: "category", data: heat.topics, splitArea: { show: true }, axisLabel: { fontFamily: FAMILY, color: INK, interval: 0, rotate: small ? 90 : 0, fontSize: 11 } },
          yAxis: {
            type: "category", inverse: true, data: heat.units, splitArea: { show: true },
            axisLabel: { fontFamily: FAMILY, color: INK, fontSize: 11, lineHeight: 13, formatter: function (name) { return wrap(name, small ? 12 : 22); } }
          },
          // the page's legend (#heat-legend) shows these bands with their numbers
          visualMap: {
            type: "piecewise", show: false, dimension: 2,
            pieces: heat.bands.map(function (b, i) {
              var piece = { gte: b.min, color: b.colour, label: b.range + " " + b.name };
              if (i < heat.bands.length - 1) { piece.lt = b.max; } else { piece.lte = b.max; }
              return piece;
            })
          },
          series: [{ type: "heatmap", name: heat.label, data: heat.cells, label: { show: !small, fontSize: 10, color: INK } }]
        };
      });
    }

    var trend = data.trend;
    if (trend.days.length) {
      chart("chart-trend", function (node, small) {
        return {
          tooltip: { trigger: "axis" },
          legend: legend(),
          // on a phone the legend takes two lines
          grid: { left: 8, right: 20, top: 20, bottom: small ? 72 : 40, containLabel: true },
          xAxis: { type: "category", data: trend.days, axisLabel: { fontFamily: FAMILY, color: INK } },
          yAxis: { type: "value", min: 0, max: 100, axisLabel: { fontFamily: FAMILY, color: INK } },
          series: trend.series.map(function (s) { return { type: "line", name: s.name, data: s.values }; })
        };
      });
    }
  }
  // Labels are measured to lay the charts out: measure them in the page's own font (Sarabun),
  // not in the fallback the browser shows while the font loads, or long names get cut.
  function whenFontsReady() {
    if (!document.fonts || !document.fonts.load) { start(); return; }
    Promise.all([document.fonts.load("12px DigiorgSarabun"), document.fonts.load("bold 12px DigiorgSarabun")])
      .then(start, start);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", whenFontsReady); } else { whenFontsReady(); }
})();
