/* The script of report.html (kam analyze), inlined into the page with vendored Apache ECharts.
   It reads the page's data from #kam-data (kam.render.report_data), draws the charts and fills the
   accounts table: sort by a column, filter by segment, tier and owner, search. Data is set as text
   (textContent), never as markup; what a chart tooltip shows is escaped. It loads nothing. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kam-data").textContent);
  var words = data.words;
  var units = data.units;
  var table = data.table;
  var PAGE = 100;

  // numbers, as the reader's language writes them
  var whole = new Intl.NumberFormat(data.lang, { maximumFractionDigits: 0 });
  var cents = new Intl.NumberFormat(data.lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  var pct = new Intl.NumberFormat(data.lang, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
  var signedPct = new Intl.NumberFormat(data.lang, {
    style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: "exceptZero"
  });
  var tickPct = new Intl.NumberFormat(data.lang, { style: "percent", maximumFractionDigits: 0 });
  var compact = new Intl.NumberFormat(data.lang, { notation: "compact", maximumFractionDigits: 1 });
  var collator = new Intl.Collator(data.lang, { numeric: true, sensitivity: "base" });

  function figure(value) {  // an amount without its currency (the table's heading says it)
    if (value === null || value === undefined) return "—";
    return Math.abs(value) >= 100 ? whole.format(value) : cents.format(value);
  }
  function amount(value) {  // an amount with its currency, when known
    var said = figure(value);
    var unit = units.currency;
    if (value === null || value === undefined) return said;
    if (!unit) return said;
    return /^[\x20-\x7e]*$/.test(unit) ? said + " " + unit : said + unit;
  }
  function share(value) { return value === null || value === undefined ? "—" : pct.format(value); }
  function trend(value) { return value === null || value === undefined ? "—" : signedPct.format(value); }
  function count(value) { return whole.format(value); }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }
  function esc(value) {
    return String(value).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  var segments = {};
  var rank = {};  // a segment's place in the page's order: key accounts first, regular ones last
  data.segments.forEach(function (s, i) { segments[s.key] = s; rank[s.key] = i; });
  var rows = table.customer_id.length;

  function who(row) {
    var name = table.name ? table.name[row] : null;
    return name ? table.customer_id[row] + " · " + name : String(table.customer_id[row]);
  }

  // ---- charts ----------------------------------------------------------------------------------
  // the page's fonts, for the charts' text; ECharts parses the names itself and takes no system-ui keyword
  var font = getComputedStyle(document.body).fontFamily.split(",").map(function (name) { return name.trim(); })
    .filter(function (name) { return !/^(system-ui|-apple-system)$/.test(name); }).join(", ").replace(/"/g, "'");
  function axis(name, format, extra) {
    var option = {
      type: "value", name: name, nameLocation: "middle", nameGap: 30,
      nameTextStyle: { color: "#1f2328", fontWeight: "bold" },
      axisLabel: { formatter: format, hideOverlap: true, color: "#59636e" },
      splitLine: { lineStyle: { color: "#eaeef2" } }
    };
    return Object.assign(option, extra || {});
  }
  function xAxis(name, format, extra) {  // its labels clear of the y axis' lowest one, at the corner
    var option = axis(name, format, extra);
    option.axisLabel.margin = 12;
    return option;
  }
  function draw(id, option) {
    var element = document.getElementById(id);
    if (!element || typeof echarts === "undefined") return;
    var chart = echarts.init(element, null, { renderer: "svg" });
    option.animation = false;
    option.textStyle = { fontFamily: font };
    option.grid = Object.assign({ left: 64, right: 28, top: 40, bottom: 48 }, option.grid || {});
    chart.setOption(option);
    window.addEventListener("resize", function () { chart.resize(); });
  }
  function pair(x, y) { return esc(words.share_customers) + ": " + share(x) + "<br>" + esc(y); }

  var curves = data.curves;
  var reach = curves.reach80;
  var paretoMarks = reach === null ? {} : {
    markLine: {
      symbol: "none", silent: true, lineStyle: { type: "dashed", color: "#d1242f" },
      label: { show: false },
      data: [[{ coord: [0, 0.8] }, { coord: [reach, 0.8] }], [{ coord: [reach, 0] }, { coord: [reach, 0.8] }]]
    },
    markPoint: {
      symbol: "circle", symbolSize: 9, itemStyle: { color: "#d1242f" },
      label: {
        position: "right", color: "#d1242f", fontWeight: "bold",
        formatter: fill(words.reach80, { share: share(reach) })
      },
      data: [{ coord: [reach, 0.8] }]
    }
  };
  draw("pareto", {
    tooltip: {
      trigger: "axis",
      formatter: function (items) {
        var point = items[0].value;
        return pair(point[0], words.share_basis + ": " + share(point[1]));
      }
    },
    legend: { top: 0, right: 0, data: [words.share_basis, words.diagonal] },
    xAxis: xAxis(words.share_customers, function (v) { return tickPct.format(v); }, { min: 0, max: 1 }),
    yAxis: axis(words.share_basis, function (v) { return tickPct.format(v); }, { min: 0, max: 1, nameGap: 44 }),
    series: [
      Object.assign({
        name: words.share_basis, type: "line", data: curves.pareto, showSymbol: false,
        lineStyle: { width: 2 }, color: "#1f6feb"
      }, paretoMarks),
      {
        name: words.diagonal, type: "line", data: [[0, 0], [1, 1]], showSymbol: false, silent: true,
        lineStyle: { type: "dashed", width: 1 }, color: "#8c959f", tooltip: { show: false }
      }
    ]
  });

  var peak = curves.peak;
  draw("whale", {
    tooltip: {
      trigger: "axis",
      formatter: function (items) {
        var point = items[0].value;
        return pair(point[0], words.cumulative_basis + ": " + amount(point[1]));
      }
    },
    xAxis: xAxis(words.share_customers, function (v) { return tickPct.format(v); }, { min: 0, max: 1 }),
    yAxis: axis(words.cumulative_basis, function (v) { return compact.format(v); }, { nameGap: 52, scale: true }),
    series: [{
      type: "line", data: curves.whale, showSymbol: false, lineStyle: { width: 2 }, color: "#1f6feb",
      markPoint: {
        symbol: "circle", symbolSize: 9, itemStyle: { color: "#d1242f" },
        label: {  // beside the peak, on the side with room (it is usually near the right end)
          position: peak[0] > 0.5 ? "left" : "right", distance: 8, offset: [0, 14],
          color: "#d1242f", fontWeight: "bold", formatter: words.peak + ": " + amount(peak[1])
        },
        data: [{ coord: peak }]
      }
    }]
  });

  var scatter = data.scatter;
  var margins = scatter.y === "net_margin";
  draw("scatter", {
    tooltip: {
      trigger: "item",
      formatter: function (item) {
        var row = item.value[2];
        var lines = ["<b>" + esc(who(row)) + "</b>", esc(segments[table.segment[row]].label)];
        if (table.revenue) lines.push(esc(words.revenue) + ": " + esc(amount(table.revenue[row])));
        if (table.net_profit) lines.push(esc(words.net_profit) + ": " + esc(amount(table.net_profit[row])));
        if (margins) {
          lines.push(esc(words.net_margin) + ": " + share(item.value[1]));
          lines.push(esc(words.volume) + ": " + whole.format(item.value[0]));
        } else {
          lines.push(esc(words.orders) + ": " + count(item.value[1]));
        }
        return lines.join("<br>");
      }
    },
    legend: { top: 0, data: data.segments.filter(function (s) { return scatter.points[s.key]; }).map(function (s) { return s.label; }) },
    xAxis: xAxis(margins ? words.volume : words.revenue_axis, function (v) { return compact.format(v); }, { type: "log", logBase: 10 }),
    yAxis: axis(
      margins ? words.net_margin : words.orders,
      function (v) { return margins ? tickPct.format(v) : compact.format(v); },
      margins ? { min: -1, max: 1, nameGap: 44 } : { nameGap: 44 }
    ),
    grid: { top: 48 },
    series: data.segments.filter(function (s) { return scatter.points[s.key]; }).map(function (s) {
      return {
        name: s.label, type: "scatter", data: scatter.points[s.key], symbolSize: 7, color: s.colour,
        itemStyle: { opacity: 0.75 }, large: false
      };
    })
  });

  // ---- the accounts table ----------------------------------------------------------------------
  var columns = data.columns;
  var state = { sort: null, descending: false, segments: {}, tier: "", owner: "", terms: [], limit: PAGE };
  var present = {};
  table.segment.forEach(function (s) { present[s] = (present[s] || 0) + 1; });
  Object.keys(present).forEach(function (s) { state.segments[s] = true; });
  var haystack = null;  // each row's searched text, lower case, made on the first search

  function matches(row) {
    if (!state.segments[table.segment[row]]) return false;
    if (state.tier && table.abc_tier && table.abc_tier[row] !== state.tier) return false;
    if (state.owner && table.owner && table.owner[row] !== state.owner) return false;
    if (state.terms.length) {
      if (haystack === null) {
        haystack = [];
        for (var i = 0; i < rows; i++) {
          haystack.push(data.searched.map(function (c) { return table[c][i] === null ? "" : String(table[c][i]); }).join("\n").toLowerCase());
        }
      }
      for (var t = 0; t < state.terms.length; t++) if (haystack[row].indexOf(state.terms[t]) < 0) return false;
    }
    return true;
  }

  function compare(key, kind) {
    var values = table[key];
    var sign = state.descending ? -1 : 1;
    return function (a, b) {
      var x = values[a], y = values[b];
      if (x === null || y === null) return x === y ? a - b : x === null ? 1 : -1;  // missing values last
      var order = kind === "money" || kind === "share" ? x - y
        : kind === "segment" ? rank[x] - rank[y] : collator.compare(String(x), String(y));
      return order ? sign * order : a - b;
    };
  }

  function cell(column, row) {
    var td = document.createElement("td");
    var value = table[column.key][row];
    if (column.kind === "money") {
      td.className = "num" + (value !== null && value < 0 ? " down" : "");
      td.textContent = figure(value);
    } else if (column.kind === "share") {
      td.className = "num" + (value === null ? "" : value < 0 ? " down" : value > 0 ? " up" : "");
      td.textContent = trend(value);
    } else if (column.kind === "segment") {
      td.className = "segment";
      var swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = segments[value].colour;
      td.appendChild(swatch);
      td.appendChild(document.createTextNode(segments[value].label));
    } else {
      if (column.key === "reasons" || column.key === "name") td.className = column.key;
      td.textContent = value === null ? "" : String(value);
    }
    return td;
  }

  var head = document.querySelector("#accounts thead tr");
  columns.forEach(function (column) {
    var th = document.createElement("th");
    th.scope = "col";
    if (column.kind === "money" || column.kind === "share") th.className = "num";
    if (column.key === "reasons") {
      th.textContent = column.label;
    } else {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = column.label;
      button.title = words.sort;
      button.addEventListener("click", function () {
        var numeric = column.kind === "money" || column.kind === "share";
        if (state.sort === column.key) state.descending = !state.descending;
        else { state.sort = column.key; state.descending = numeric; }
        state.limit = PAGE;
        show();
      });
      th.appendChild(button);
    }
    th.dataset.key = column.key;
    head.appendChild(th);
  });

  var body = document.querySelector("#accounts tbody");
  var more = document.getElementById("more");
  function show() {
    var listed = [];
    for (var row = 0; row < rows; row++) if (matches(row)) listed.push(row);
    if (state.sort) {
      var column = columns.filter(function (c) { return c.key === state.sort; })[0];
      listed.sort(compare(column.key, column.kind));
    }
    head.querySelectorAll("th").forEach(function (th) {
      if (th.dataset.key === state.sort) th.setAttribute("aria-sort", state.descending ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    });
    var fragment = document.createDocumentFragment();
    listed.slice(0, state.limit).forEach(function (row) {
      var tr = document.createElement("tr");
      columns.forEach(function (column) { tr.appendChild(cell(column, row)); });
      fragment.appendChild(tr);
    });
    body.replaceChildren(fragment);
    var shown = Math.min(state.limit, listed.length);
    document.getElementById("shown").textContent = listed.length
      ? fill(words.shown, { shown: count(shown), total: count(listed.length), all: count(rows) })
      : words.none;
    var rest = listed.length - shown;
    more.hidden = rest <= 0;
    more.textContent = fill(words.more, { n: count(Math.min(PAGE, rest)) });
  }
  more.addEventListener("click", function () { state.limit += PAGE; show(); });

  var chips = document.getElementById("chips");
  data.segments.forEach(function (s) {
    if (!present[s.key]) return;
    var chip = document.createElement("button");
    chip.type = "button";
    chip.className = "chip";
    chip.dataset.segment = s.key;
    chip.setAttribute("aria-pressed", "true");
    var swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = s.colour;
    chip.appendChild(swatch);
    chip.appendChild(document.createTextNode(s.label + " (" + count(present[s.key]) + ")"));
    chip.addEventListener("click", function () {
      state.segments[s.key] = !state.segments[s.key];
      chip.setAttribute("aria-pressed", String(state.segments[s.key]));
      state.limit = PAGE;
      show();
    });
    chips.appendChild(chip);
  });

  function choices(select, all, values) {
    var first = document.createElement("option");
    first.value = "";
    first.textContent = all;
    select.appendChild(first);
    values.forEach(function (value) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = value;
      select.appendChild(option);
    });
  }
  function distinct(values) {
    var seen = {};
    values.forEach(function (v) { if (v !== null && v !== "") seen[v] = true; });
    return Object.keys(seen).sort(collator.compare);
  }
  var tier = document.getElementById("tier");
  if (table.abc_tier) {
    choices(tier, words.all_tiers, distinct(table.abc_tier));
    tier.addEventListener("change", function () { state.tier = tier.value; state.limit = PAGE; show(); });
  } else {
    tier.hidden = true;
  }
  var owner = document.getElementById("owner");
  if (table.owner) {
    owner.hidden = false;
    choices(owner, words.all_owners, distinct(table.owner));
    owner.addEventListener("change", function () { state.owner = owner.value; state.limit = PAGE; show(); });
  }
  var search = document.getElementById("search");
  search.addEventListener("input", function () {
    state.terms = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    state.limit = PAGE;
    show();
  });
  show();
})();
