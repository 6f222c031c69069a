// kam's call pages: a stored call's timeline (who spoke when, and the marked moments: questions, the
// first pitch, the first price, objections, the flags' evidence) and a salesperson's trend, drawn with
// Apache ECharts (served by kam) from the data the page holds. Nothing here talks to any server.
(function () {
  "use strict";
  const COLORS = { sales: "#1565c0", customer: "#2e7d32" };
  const MOMENTS = {
    question_open: ["circle", "#6a1b9a"], question_closed: ["emptyCircle", "#6a1b9a"],
    pitch: ["rect", "#ef6c00"], price: ["diamond", "#c62828"], quote: ["triangle", "#c62828"],
    objection: ["pin", "#795548"], flag: ["roundRect", "#d81b60"],
  };

  function data(id) {
    const holder = document.getElementById(id);
    return holder ? JSON.parse(holder.dataset.json) : null;
  }

  function clock(seconds) {
    const whole = Math.round(seconds);
    return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
  }

  function drawTimeline() {
    const line = data("timeline-data");
    const element = document.getElementById("timeline-chart");
    if (!line || !element || !window.echarts) return;
    const chart = window.echarts.init(element, null, { renderer: "svg" });
    const rows = [...line.speakers, "★"];
    const marks = rows.length - 1;
    const kinds = Object.keys(MOMENTS).filter(kind => line.moments.some(m => m.kind === kind));
    chart.setOption({
      animation: false,
      tooltip: { trigger: "item" },
      legend: { top: 0, data: kinds.map(kind => line.kinds[kind]) },
      grid: { left: 120, right: 30, top: 40, bottom: 40 },
      xAxis: { type: "value", min: 0, max: Math.max(line.duration, 1), axisLabel: { formatter: clock } },
      yAxis: { type: "category", data: rows, inverse: true },
      series: [{
        type: "custom",
        name: "turns",
        encode: { x: [0, 1], y: 2 },
        data: line.turns,
        tooltip: { formatter: p => `${rows[p.value[2]]} · ${line.sides[p.value[3]]} · ${clock(p.value[0])}–${clock(p.value[1])}` },
        renderItem: (params, api) => {
          const start = api.coord([api.value(0), api.value(2)]);
          const end = api.coord([api.value(1), api.value(2)]);
          const height = api.size([0, 1])[1] * 0.6;
          return {
            type: "rect",
            shape: { x: start[0], y: start[1] - height / 2, width: Math.max(end[0] - start[0], 1), height },
            style: { fill: COLORS[line.turns[params.dataIndex][3]] || "#888" },
          };
        },
      }].concat(kinds.map(kind => ({
        type: "scatter",
        name: line.kinds[kind],
        symbol: MOMENTS[kind][0],
        symbolSize: 12,
        itemStyle: { color: MOMENTS[kind][1] },
        data: line.moments.filter(m => m.kind === kind).map(m => ({ value: [m.at, marks], moment: m })),
        tooltip: { formatter: p => `${clock(p.data.moment.at)} ${p.data.moment.name}${p.data.moment.text ? " · " + p.data.moment.text : ""}` },
      }))),
    });
    window.addEventListener("resize", () => chart.resize());
  }

  function drawTrend() {
    const trend = data("trend-data");
    const element = document.getElementById("trend-chart");
    if (!trend || !element || !window.echarts) return;
    const chart = window.echarts.init(element, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 50, right: 50, top: 40, bottom: 40 },
      xAxis: { type: "time" },
      yAxis: [{ type: "value" }, { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } }],
      series: trend.measures.map(m => ({
        type: "line", name: m.name, yAxisIndex: m.share ? 1 : 0,
        data: m.points.map(p => [p[0], m.share ? Math.round(p[1] * 1000) / 10 : p[1]]),
      })),
    });
    window.addEventListener("resize", () => chart.resize());
  }

  document.addEventListener("DOMContentLoaded", () => { drawTimeline(); drawTrend(); });
})();
