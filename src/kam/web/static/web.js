// kam's pages: draw the charts (Apache ECharts, served by kam) from the data the page holds, and draw
// them again when htmx swaps in new data; nothing here talks to any server but htmx's own requests.
(function () {
  "use strict";
  const charts = {};

  function data(id) {
    const holder = document.getElementById(id);
    return holder ? JSON.parse(holder.dataset.json) : null;
  }

  function chart(id) {
    const element = document.getElementById(id);
    if (!element || !window.echarts) return null;
    if (charts[id] && charts[id].getDom() !== element) { charts[id].dispose(); delete charts[id]; }
    charts[id] = charts[id] || window.echarts.init(element, null, { renderer: "svg" });
    return charts[id];
  }

  function drawVolume() {
    const volume = data("volume-data");
    const drawn = volume && chart("volume-chart");
    if (!drawn) return;
    drawn.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 30, bottom: 30 },
      xAxis: { type: "category", data: volume.years.map(String) },
      yAxis: { type: "value" },
      series: volume.series.map(s => ({ name: s.unit, type: "bar", data: s.values })),
    }, true);
  }

  function drawChain() {
    const chain = data("chain-data");
    const drawn = chain && chain.tree && chart("chain-chart");
    if (!drawn) return;
    drawn.setOption({
      animation: false,
      tooltip: { trigger: "item", formatter: p => p.data.stance ? `${p.data.name.replace("\n", " · ")} · ${p.data.stance}` : p.data.name },
      series: [{
        type: "tree", data: [chain.tree], orient: "TB", top: 40, bottom: 60, left: 40, right: 40,
        initialTreeDepth: -1, expandAndCollapse: false, edgeShape: "polyline",
        label: { position: "bottom", verticalAlign: "top", align: "center", fontSize: 12 },
        lineStyle: { color: "#90a4ae" },
      }],
    }, true);
  }

  function open(code) { window.location.href = "/accounts/" + encodeURIComponent(code); }

  function axes(element, yType) {
    return {
      xAxis: { type: "value", name: element.dataset.x, nameLocation: "middle", nameGap: 26, min: 0, max: 1,
        axisLabel: { formatter: v => Math.round(v * 100) + "%" } },
      yAxis: { type: yType || "value", name: element.dataset.y, nameGap: 12 },
    };
  }

  function drawPortfolio() {
    const found = data("portfolio-charts");
    if (!found || !found.pareto) return;
    const pareto = chart("pareto-chart");
    if (pareto) {
      pareto.setOption(Object.assign({
        animation: false, tooltip: { trigger: "axis" }, grid: { left: 60, right: 20, top: 30, bottom: 40 },
        series: [{ type: "line", data: found.pareto, showSymbol: false, color: "#1a7f37", areaStyle: { opacity: 0.1 } }],
      }, axes(pareto.getDom())), true);
      pareto.setOption({ yAxis: { max: 1, axisLabel: { formatter: v => Math.round(v * 100) + "%" } } });
    }
    const whale = chart("whale-chart");
    if (whale) {
      whale.setOption(Object.assign({
        animation: false, tooltip: { trigger: "axis" }, grid: { left: 80, right: 20, top: 30, bottom: 40 },
        series: [{ type: "line", data: found.whale, showSymbol: false, color: "#1f6feb" }],
      }, axes(whale.getDom())), true);
    }
    const scatter = chart("scatter-chart");
    if (scatter) {
      const names = JSON.parse(scatter.getDom().dataset.names);
      scatter.setOption({
        animation: false, legend: { top: 0 }, grid: { left: 70, right: 20, top: 40, bottom: 40 },
        tooltip: { trigger: "item", formatter: p => `${p.data[2]} · ${p.seriesName}` },
        xAxis: { type: "log", name: scatter.getDom().dataset.x, nameLocation: "middle", nameGap: 26 },
        yAxis: { type: "value", name: scatter.getDom().dataset.y, axisLabel: { formatter: v => Math.round(v * 100) + "%" } },
        series: Object.entries(found.scatter).map(([segment, points]) => ({
          name: names[segment], type: "scatter", data: points, symbolSize: 7, color: found.colours[segment],
          cursor: "pointer",
        })),
      }, true);
      scatter.off("click");
      scatter.on("click", p => open(p.data[2]));
    }
  }

  function drawTrend() {
    const trend = data("trend-data");
    const drawn = trend && trend.days && trend.days.length && chart("trend-chart");
    if (!drawn) return;
    drawn.setOption({
      animation: false, tooltip: { trigger: "axis" }, legend: { top: 0 },
      grid: { left: 80, right: 20, top: 30, bottom: 30 },
      xAxis: { type: "category", data: trend.days },
      yAxis: { type: "value" },
      series: trend.series.map(s => ({ name: s.name, type: "line", data: s.values, connectNulls: true })),
    }, true);
  }

  function drawScores() {
    const scores = data("score-data");
    const drawn = scores && scores.days && scores.days.length && chart("score-chart");
    if (!drawn) return;
    drawn.setOption({
      animation: false, tooltip: { trigger: "axis" }, grid: { left: 40, right: 10, top: 10, bottom: 25 },
      xAxis: { type: "category", data: scores.days }, yAxis: { type: "value", min: 0, max: 100 },
      series: [{ type: "line", data: scores.scores, color: "#1a7f37" }],
    }, true);
  }

  function drawNetwork() {
    const network = data("network-data");
    const drawn = network && network.nodes && network.nodes.length && chart("network-chart");
    if (!drawn) return;
    drawn.setOption({
      animation: false, tooltip: { trigger: "item", formatter: p => p.dataType === "node" ? p.data.tip : "" },
      series: [{
        type: "graph", layout: "force", roam: true, draggable: true, data: network.nodes, links: network.links,
        force: { repulsion: 160, edgeLength: 80 }, label: { show: true, position: "right", fontSize: 12 },
        edgeSymbol: ["none", "arrow"], edgeSymbolSize: 8, lineStyle: { color: "#90a4ae", width: 1.5 },
        cursor: "pointer",
      }],
    }, true);
    drawn.off("click");
    drawn.on("click", p => { if (p.dataType === "node") open(p.data.id); });
  }

  function drawAll() { drawVolume(); drawChain(); drawPortfolio(); drawTrend(); drawScores(); drawNetwork(); }

  document.addEventListener("DOMContentLoaded", drawAll);
  document.addEventListener("htmx:afterSettle", drawAll);
  window.addEventListener("resize", () => Object.values(charts).forEach(c => c.resize()));
  document.addEventListener("htmx:responseError", event => {
    const flash = document.getElementById("flash");
    if (!flash) return;
    flash.textContent = flash.dataset.message.replace("{status}", String(event.detail.xhr.status));
    flash.hidden = false;
  });
  document.addEventListener("htmx:beforeRequest", () => {
    const flash = document.getElementById("flash");
    if (flash) flash.hidden = true;
  });
  document.addEventListener("click", event => {
    const cancel = event.target.closest("[data-remove-row]");
    if (cancel) cancel.closest("tr").remove();
  });
})();
