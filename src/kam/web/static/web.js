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

  function drawAll() { drawVolume(); drawChain(); }

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
