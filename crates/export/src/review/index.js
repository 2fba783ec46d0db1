// The index: every report (sortable, filterable) and, per agency with several years, small
// charts of the main series with the cross-year (X-*) breaks marked.
"use strict";
(function () {
  const D = JSON.parse(document.getElementById("data").textContent);
  const app = document.getElementById("app");
  const rows = D.rows;
  app.append(el("h1", {}, "xxgk 核对 review · " + rows.length + " 份报告 reports"));
  const counts = {};
  rows.forEach(r => { counts[r.meta.status] = (counts[r.meta.status] || 0) + 1; });
  app.append(el("p", { class: "muted" }, Object.entries(counts).map(([k, v]) => k + " " + v).join(" · ")));

  // Filter and sort.
  const controls = el("div", { class: "controls" });
  const q = el("input", { type: "search", id: "filter", placeholder: "筛选 filter: 机关、年度、文件名… agency, year, file…" });
  const st = el("select", { id: "status" });
  st.append(el("option", { value: "" }, "全部状态 all statuses"));
  Object.keys(counts).sort().forEach(s => st.append(el("option", { value: s }, s)));
  controls.append(q, st);
  app.append(controls);
  const COLS = [["report", "报告 report"], ["status", "状态 status"], ["agency", "机关 agency"], ["year", "年度 year", 1],
    ["template", "模板 template"], ["format", "格式 format"], ["cells_found", "单元格 cells", 1], ["errors", "错误 errors", 1],
    ["warnings", "警告 warnings", 1], ["message", "说明 message"]];
  const table = el("table", { class: "idx", id: "reports" });
  const hr = el("tr");
  COLS.forEach(([k, name], i) => { const th = el("th", { "data-col": k, tabindex: "0" }, name); th.addEventListener("click", () => sortBy(i, th)); th.addEventListener("keydown", e => { if (e.key === "Enter") sortBy(i, th); }); hr.append(th); });
  const thead = el("thead"); thead.append(hr);
  const tbody = el("tbody");
  table.append(thead, tbody);
  app.append(table);
  const trs = rows.map(r => {
    const tr = el("tr", { "data-status": r.meta.status });
    COLS.forEach(([k, , num]) => {
      const td = el("td", num ? { class: "num" } : {});
      if (k === "report") td.append(el("a", { href: r.href }, r.meta.report));
      else if (k === "cells_found") td.textContent = r.meta.cells_expected ? r.meta.cells_found + " / " + r.meta.cells_expected : "";
      else td.textContent = r.meta[k];
      if (k === "status") td.className = "st-" + r.meta.status;
      tr.append(td);
    });
    tr._r = r;
    tbody.append(tr);
    return tr;
  });
  function apply() {
    const needle = q.value.trim().toLowerCase(), s = st.value;
    trs.forEach(tr => { tr.hidden = !((!s || tr._r.meta.status === s) && (!needle || tr.textContent.toLowerCase().includes(needle))); });
  }
  q.addEventListener("input", apply);
  st.addEventListener("change", apply);
  let sorted = -1, dir = 1;
  function sortBy(i, th) {
    dir = sorted === i ? -dir : 1; sorted = i;
    thead.querySelectorAll("th").forEach(h => h.removeAttribute("aria-sort"));
    th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
    const k = COLS[i][0], num = COLS[i][2];
    const key = r => { const v = parseFloat(r.meta[k]); return num ? (isNaN(v) ? -Infinity : v) : (r.meta[k] || ""); };
    trs.slice().sort((a, b) => { const x = key(a._r), y = key(b._r); return (x < y ? -1 : x > y ? 1 : 0) * dir; }).forEach(tr => tbody.append(tr));
  }

  // Charts per agency with several years.
  // Agencies are grouped as the cross-year audit links their names.
  const byAgency = new Map();
  rows.forEach(r => { if (r.group && r.meta.year) { if (!byAgency.has(r.group)) byAgency.set(r.group, []); byAgency.get(r.group).push(r); } });
  const multi = [...byAgency].filter(([, rs]) => new Set(rs.map(r => r.meta.year)).size > 1);
  if (multi.length) app.append(el("h2", { id: "series" }, "逐年序列 Series by agency (" + multi.length + ")"));
  for (const [, rs] of multi) {
    rs.sort((a, b) => a.meta.year - b.meta.year);
    app.append(el("h3", { class: "agency" }, [...new Set(rs.map(r => r.meta.agency))].join(" / ")));
    const box = el("div", { class: "charts" });
    const years = rs.map(r => +r.meta.year), y0 = Math.min(...years), y1 = Math.max(...years);
    D.series.forEach((name, si) => box.append(chart(name, rs, si, y0, y1)));
    app.append(box);
  }
  function chart(name, rs, si, y0, y1) {
    const W = 210, H = 100, L = 34, R = 18, T = 16, B = 18;
    const svg = sv("svg", { class: "chart", width: W, height: H, viewBox: "0 0 " + W + " " + H, role: "img" });
    svg.append(sv("text", { x: 4, y: 11 }, name));
    const pts = rs.filter(r => r.series[si] != null).map(r => [+r.meta.year, r.series[si], r]);
    const vmax = Math.max(1, ...pts.map(p => p[1]));
    const x = y => L + (y1 === y0 ? (W - L - R) / 2 : (y - y0) / (y1 - y0) * (W - L - R));
    const y = v => T + (1 - v / vmax) * (H - T - B);
    svg.append(sv("text", { x: 2, y: T + 8 }, String(vmax)), sv("text", { x: 2, y: H - B }, "0"));
    for (let yr = y0; yr <= y1; yr++) svg.append(sv("text", { x: Math.min(W - 14, Math.max(L + 8, x(yr))), y: H - 4, "text-anchor": "middle" }, String(yr)));
    rs.filter(r => r.breaks.length).forEach(r => {
      const l = sv("line", { class: "brk", x1: x(+r.meta.year), x2: x(+r.meta.year), y1: T - 2, y2: H - B });
      l.append(sv("title", {}, r.meta.year + ": " + r.breaks.join(", ")));
      svg.append(l);
    });
    let d = "", prev = null;
    pts.forEach(([yr, v]) => { d += (prev !== null && yr === prev + 1 ? "L" : "M") + x(yr).toFixed(1) + " " + y(v).toFixed(1); prev = yr; });
    if (d) svg.append(sv("path", { class: "line", d }));
    pts.forEach(([yr, v, r]) => {
      const c = sv("circle", { class: "dot", cx: x(yr), cy: y(v), r: 2.5 });
      c.append(sv("title", {}, yr + ": " + v + " (" + r.meta.report + ")"));
      svg.append(c);
    });
    return svg;
  }
  document.body.setAttribute("data-rendered", "index");
})();
