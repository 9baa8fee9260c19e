// berth monitor page: first load from /api/berth/v1/overview, then one server-sent "update" per second
// from /api/berth/v1/updates. Series are uPlot column arrays [times, values...], at most 600 points (10 min).
"use strict";
(function () {
  const MAX_POINTS = 600;
  const charts = {};        // key -> {plot, data, pick}
  const containers = {};    // id -> {el, count}
  let containerColumns = [];
  let lastEvent = 0;
  let updates = 0;

  function bytes(v) {
    if (v == null) return "";
    const u = ["B", "KiB", "MiB", "GiB", "TiB"];
    let i = 0;
    while (Math.abs(v) >= 1024 && i < u.length - 1) { v /= 1024; i++; }
    return (i ? v.toFixed(1) : Math.round(v)) + " " + u[i];
  }
  const rate = v => bytes(v) + "/s";
  const pct = v => (v == null ? "" : v.toFixed(1) + " %");
  const cores = v => (v == null ? "" : (v * 100).toFixed(1) + " %");

  const COLORS = ["#3b82c4", "#e0803a", "#4caf7a", "#a45ec7"];

  function chart(key, el, labels, fmt, yRange) {
    const series = [{}].concat(labels.map((l, i) => ({ label: l, stroke: COLORS[i], width: 1.5, value: (u, v) => fmt(v) })));
    const opts = {
      width: Math.max(200, el.clientWidth || 280), height: 130, series: series,
      scales: yRange ? { x: { time: true }, y: { range: yRange } } : { x: { time: true } },
      axes: [{ size: 30 }, { size: 70, values: (u, vals) => vals.map(fmt) }],
      legend: { show: true },
    };
    const data = [[]].concat(labels.map(() => []));
    charts[key] = { plot: new uPlot(opts, data, el), data: data };
    return charts[key];
  }

  function push(key, time, values) {
    const c = charts[key];
    if (!c) return;
    c.data[0].push(time);
    values.forEach((v, i) => c.data[i + 1].push(v));
    if (c.data[0].length > MAX_POINTS) c.data.forEach(a => a.shift());
    c.plot.setData(c.data);
  }

  function load(key, series, indexes, scale) {
    const c = charts[key];
    if (!c || !series || !series.length) return;
    c.data[0] = series[0].slice();
    indexes.forEach((idx, i) => { c.data[i + 1] = series[idx + 1].map(v => (scale ? v * scale : v)); });
    c.plot.setData(c.data);
  }

  // Host.
  function hostCharts() {
    chart("host-cpu", document.getElementById("host-cpu"), ["busy"], pct, [0, 100]);
    chart("host-memory", document.getElementById("host-memory"), ["used"], bytes);
    chart("host-disk", document.getElementById("host-disk"), ["read", "write"], rate);
    chart("host-network", document.getElementById("host-network"), ["rx", "tx"], rate);
  }
  function hostFacts(h) {
    if (!h || h.cores == null) return;
    document.getElementById("host-facts").textContent =
      h.cores + " CPUs · memory " + bytes(h.memory_used) + " of " + bytes(h.memory_total) +
      " · data root filesystem " + bytes(h.fs_capacity - h.fs_available) + " used of " + bytes(h.fs_capacity);
    const used = h.fs_capacity ? 100 * (h.fs_capacity - h.fs_available) / h.fs_capacity : 0;
    document.querySelector("#host-disk-bar div").style.width = used.toFixed(1) + "%";
  }
  function hostPoint(time, p) {
    push("host-cpu", time, [p[0]]);
    push("host-memory", time, [p[1]]);
    push("host-network", time, [p[2], p[3]]);
    push("host-disk", time, [p[4], p[5]]);
  }

  function daemonInfo(d) {
    document.getElementById("daemon").textContent = d.hostname + " · kernel " + d.kernel + " · berth " + d.version +
      " · " + d.containers + " containers (" + d.containers_running + " running, " + d.containers_paused +
      " paused, " + d.containers_stopped + " stopped) · data root " + d.data_root;
  }

  // Containers: columns cpu_cores, memory_usage_bytes, memory_working_set_bytes, network rx, tx, block read, write, processes.
  function containerCard(c) {
    if (containers[c.id]) return containers[c.id];
    const el = document.createElement("div");
    el.className = "container";
    el.id = "container-" + c.id;
    el.dataset.name = c.name;
    el.dataset.samples = "0";
    el.innerHTML = '<div class="title"><span class="name"></span><span class="meta"></span>' +
      '<span class="meta samples"></span></div><div class="grid">' +
      '<div class="panel"><h3>CPU</h3><div class="chart cpu"></div></div>' +
      '<div class="panel"><h3>Memory</h3><div class="chart memory"></div></div>' +
      '<div class="panel"><h3>Network</h3><div class="chart network"></div></div>' +
      '<div class="panel"><h3>Block I/O</h3><div class="chart blkio"></div></div></div>';
    el.querySelector(".name").textContent = c.name;
    el.querySelector(".meta").textContent = c.image + " · " + c.id.substring(0, 12) + " · " + c.state +
      (c.memory_limit ? " · limit " + bytes(c.memory_limit) : "");
    document.getElementById("containers").appendChild(el);
    chart(c.id + "-cpu", el.querySelector(".cpu"), ["cpu"], cores);
    chart(c.id + "-memory", el.querySelector(".memory"), ["usage", "working set"], bytes);
    chart(c.id + "-network", el.querySelector(".network"), ["rx", "tx"], rate);
    chart(c.id + "-blkio", el.querySelector(".blkio"), ["read", "write"], rate);
    containers[c.id] = { el: el };
    return containers[c.id];
  }
  function samplesShown(id) {
    const card = containers[id];
    const n = charts[id + "-cpu"].data[0].length;
    card.el.dataset.samples = String(n);
    const t = charts[id + "-cpu"].data[0][n - 1];
    card.el.dataset.last = t == null ? "" : String(t);
    card.el.querySelector(".samples").textContent = n + " samples";
  }
  function removeGone(ids) {
    Object.keys(containers).forEach(id => {
      if (!ids.has(id)) {
        ["cpu", "memory", "network", "blkio"].forEach(k => { charts[id + "-" + k].plot.destroy(); delete charts[id + "-" + k]; });
        containers[id].el.remove();
        delete containers[id];
      }
    });
    const n = Object.keys(containers).length;
    document.getElementById("container-count").textContent = n ? "(" + n + " running)" : "";
    document.getElementById("no-containers").style.display = n ? "none" : "";
  }

  function addEvents(list) {
    const body = document.querySelector("#events tbody");
    list.forEach(e => {
      if (e.seq <= lastEvent) return;
      lastEvent = e.seq;
      const tr = document.createElement("tr");
      [new Date(e.time * 1000).toLocaleTimeString(), e.type, e.action, e.name, e.id.substring(0, 12)].forEach((v, i) => {
        const td = document.createElement("td");
        td.textContent = v;
        if (i === 4) td.className = "id";
        tr.appendChild(td);
      });
      body.insertBefore(tr, body.firstChild);
    });
    while (body.children.length > 100) body.removeChild(body.lastChild);
  }

  function overview(o) {
    containerColumns = o.container_columns;
    daemonInfo(o.daemon);
    hostFacts(o.host);
    const hs = o.host.series;
    load("host-cpu", hs, [0]);
    load("host-memory", hs, [1]);
    load("host-network", hs, [2, 3]);
    load("host-disk", hs, [4, 5]);
    const ids = new Set();
    o.containers.forEach(c => {
      ids.add(c.id);
      containerCard(c);
      load(c.id + "-cpu", c.series, [0]);
      load(c.id + "-memory", c.series, [1, 2]);
      load(c.id + "-network", c.series, [3, 4]);
      load(c.id + "-blkio", c.series, [5, 6]);
      samplesShown(c.id);
    });
    removeGone(ids);
    addEvents(o.events);
  }

  function update(u) {
    daemonInfo(u.daemon);
    hostFacts(u.host);
    if (u.host.point) hostPoint(u.time, u.host.point);
    const ids = new Set();
    u.containers.forEach(c => {
      ids.add(c.id);
      containerCard(c);
      const p = c.point;
      push(c.id + "-cpu", u.time, [p[0]]);
      push(c.id + "-memory", u.time, [p[1], p[2]]);
      push(c.id + "-network", u.time, [p[3], p[4]]);
      push(c.id + "-blkio", u.time, [p[5], p[6]]);
      samplesShown(c.id);
    });
    removeGone(ids);
    addEvents(u.events);
    updates++;
    document.body.dataset.updates = String(updates);
    document.body.dataset.lastUpdate = String(u.time);
  }

  function connect() {
    const live = document.getElementById("live");
    const source = new EventSource("/api/berth/v1/updates");
    source.onopen = () => { live.className = "live on"; live.textContent = "● live"; };
    source.onerror = () => { live.className = "live off"; live.textContent = "○ reconnecting"; };
    source.addEventListener("update", m => update(JSON.parse(m.data)));
  }

  hostCharts();
  fetch("/api/berth/v1/overview").then(r => r.json()).then(o => { overview(o); connect(); })
    .catch(e => { document.getElementById("daemon").textContent = "cannot load: " + e; connect(); });
})();
