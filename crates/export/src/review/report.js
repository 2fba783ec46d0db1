// One report: its findings, its tables in template order and its pages as xxgk read them.
// Everything is drawn from the JSON block #data; nothing is fetched.
"use strict";
(function () {
  const D = JSON.parse(document.getElementById("data").textContent);
  const app = document.getElementById("app");
  const tip = document.getElementById("tip");
  const FLAGS = { number: "数字 number", blank: "空白 blank", dash: "横线 dash", uncertain: "存疑 uncertain", absent: "未找到 absent" };
  const TABLES = { t2: "表二 主动公开政府信息情况", t3: "表三 收到和处理政府信息公开申请情况", t4: "表四 行政复议、行政诉讼情况" };
  const m = D.meta;
  const byKey = new Map(D.cells.map(c => [c.k, c]));

  function shown(c) {
    if (c.f === "number" || c.f === "uncertain") return c.v;
    if (c.f === "absent") return "∅";
    return c.raw;
  }
  function describe(c) {
    return [c.k, c.zh, c.rl + " / " + c.cl,
      "值 value: " + (c.v || "—") + "   标记 flag: " + FLAGS[c.f],
      "原文 raw: " + (c.raw || "—") + (c.p ? "   第 " + c.p + " 页 page" : "")].join("\n");
  }

  // Header.
  const back = el("p"); back.append(el("a", { href: "../index.html" }, "← 全部报告 all reports"));
  app.append(back, el("h1", {}, m.report));
  const dl = el("dl", { class: "meta" });
  [["机关 agency", m.agency], ["年度 year", m.year], ["模板 template", m.template], ["状态 status", m.status],
   ["格式 format", m.format], ["页数 pages", m.pages], ["单元格 cells", m.cells_found + " / " + m.cells_expected],
   ["错误 errors", m.errors], ["警告 warnings", m.warnings], ["说明 message", m.message]]
    .forEach(([k, v]) => { if (v) dl.append(el("dt", {}, k), el("dd", {}, v)); });
  app.append(dl);
  const legend = el("p", { class: "legend" });
  for (const f in FLAGS) {
    const s = el("span"); s.append(el("i", { class: "sw flag-" + f }), FLAGS[f] + " (" + D.cells.filter(c => c.f === f).length + ")");
    legend.append(s);
  }
  app.append(legend);

  // Findings.
  app.append(el("h2", {}, "审核发现 Findings (" + D.findings.length + ")"));
  const ol = el("ol", { class: "findings", id: "findings" });
  D.findings.forEach((f, i) => {
    const li = el("li", { class: "finding sev-" + f.sev, "data-cells": f.cells.join(" "), tabindex: "0", id: "f" + (i + 1) });
    li.append(el("span", { class: "rule-id" }, f.rule), el("span", { class: "muted" }, f.sev + " · " + f.status + " "), f.message);
    if (f.expected || f.actual) li.append(el("span", { class: "muted" }, "  (应为 expected " + f.expected + ", 实为 actual " + f.actual + ")"));
    if (f.other) li.append(el("span", { class: "muted" }, "  ↔ " + f.other));
    const refs = el("div");
    f.cells.forEach(k => refs.append(el("a", { class: "cellref", href: "#", "data-ref": k }, (byKey.get(k) || {}).zh || k)));
    li.append(refs);
    const go = e => { e.preventDefault(); highlight(f.cells, li); };
    li.addEventListener("click", go);
    li.addEventListener("keydown", e => { if (e.key === "Enter") go(e); });
    ol.append(li);
  });
  app.append(ol);

  // Pages as read (PDF).
  if (D.pages.length || D.note) app.append(el("h2", {}, "页面 Pages as read"));
  if (D.note) app.append(el("p", { class: "muted" }, D.note));
  for (const p of D.pages) {
    const fig = el("figure", { id: "page-" + p.n });
    fig.append(el("figcaption", {}, "第 " + p.n + " 页 page " + p.n + (p.cut ? "（只画了一部分 partly drawn）" : "")));
    const svg = sv("svg", { class: "page", viewBox: "0 0 " + p.w + " " + p.h, width: Math.round(p.w * 1.5), height: Math.round(p.h * 1.5) });
    const g = sv("g");
    for (const [x0, y0, x1, y1, k] of p.segs) {
      g.append(k === "r" ? sv("rect", { class: "rect", x: x0, y: y0, width: x1 - x0, height: y1 - y0 })
                         : sv("line", { class: "rule", x1: x0, y1: y0, x2: x1, y2: y1 }));
    }
    for (const [x0, y0, x1, y1, s] of p.text) {
      const h = y1 - y0, w = x1 - x0;
      if (!(h > 0) || !s) continue;
      const a = { x: x0, y: y1 - h * 0.15, "font-size": (h * 0.85).toFixed(1) };
      if (w > 0) { a.textLength = w.toFixed(1); a.lengthAdjust = "spacingAndGlyphs"; }
      g.append(sv("text", a, s));
    }
    for (const [x0, y0, x1, y1, s] of p.boxes) {
      const w = x1 - x0 - 2, h = y1 - y0 - 2;
      if (!(w > 0 && h > 0) || !s) continue;
      // Wrap by estimated widths: CJK a full em, other characters about half.
      const chars = Array.from(s.replace(/\s+/g, " "));
      const cw = ch => (ch.codePointAt(0) > 0x2e80 ? 1 : 0.55);
      let fs = Math.min(10.5, h * 0.8), lines;
      for (;;) {
        lines = [];
        let line = "", used = 0;
        for (const ch of chars) {
          if (used + cw(ch) * fs > w && line) { lines.push(line); line = ""; used = 0; }
          line += ch; used += cw(ch) * fs;
        }
        if (line) lines.push(line);
        if (lines.length * fs * 1.15 <= h || fs < 3) break;
        fs *= 0.9;
      }
      const top = y0 + 1 + (h - lines.length * fs * 1.15) / 2;
      lines.forEach((line, i) => g.append(sv("text", { x: x0 + 1.5, y: (top + fs * (i + 1) * 1.1).toFixed(1), "font-size": fs.toFixed(1) }, line)));
    }
    for (const c of D.cells) {
      if (c.p !== p.n || !c.b) continue;
      const [x0, y0, x1, y1] = c.b;
      g.append(sv("rect", { class: "cell flag-" + c.f, "data-key": c.k, tabindex: "0", x: x0 - 1, y: y0 - 1, width: x1 - x0 + 2, height: y1 - y0 + 2 }));
    }
    svg.append(g);
    fig.append(svg);
    app.append(fig);
  }

  // Tables in template order, every expected cell once.
  app.append(el("h2", {}, "表格（按模板）Tables as read"));
  for (const t of ["t2", "t3", "t4"]) {
    const cells = D.cells.filter(c => c.k.startsWith(t + "."));
    if (!cells.length) continue;
    const rows = [], cols = [], rowLabel = {}, colLabel = {};
    for (const c of cells) {
      const [, r, col] = c.k.split(".");
      if (!(r in rowLabel)) { rows.push(r); rowLabel[r] = c.rl; }
      if (!(col in colLabel)) { cols.push(col); colLabel[col] = c.cl; }
    }
    app.append(el("h3", {}, TABLES[t]));
    const table = el("table", { class: "tpl" });
    const hr = el("tr"); hr.append(el("th"));
    cols.forEach(c => hr.append(el("th", {}, colLabel[c])));
    table.append(hr);
    for (const r of rows) {
      const tr = el("tr"); tr.append(el("th", {}, rowLabel[r]));
      for (const col of cols) {
        const c = byKey.get(t + "." + r + "." + col);
        tr.append(c ? el("td", { class: "cell flag-" + c.f, "data-key": c.k, tabindex: "0" }, shown(c)) : el("td"));
      }
      table.append(tr);
    }
    app.append(table);
  }

  // Tooltip on hover and focus.
  function show(e) {
    const t = e.target.closest && e.target.closest("[data-key]");
    if (!t) return;
    const c = byKey.get(t.getAttribute("data-key"));
    if (!c) return;
    tip.textContent = describe(c);
    tip.hidden = false;
    const r = t.getBoundingClientRect();
    tip.style.left = Math.min(r.left, window.innerWidth - 430) + "px";
    tip.style.top = (r.bottom + 6 > window.innerHeight - 90 ? r.top - 96 : r.bottom + 6) + "px";
  }
  function hide(e) { if (e.target.closest && e.target.closest("[data-key]")) tip.hidden = true; }
  document.addEventListener("mouseover", show);
  document.addEventListener("focusin", show);
  document.addEventListener("mouseout", hide);
  document.addEventListener("focusout", hide);

  // A finding highlights its cells, on the page first.
  function highlight(keys, li, instant) {
    document.querySelectorAll(".hl").forEach(e => e.classList.remove("hl"));
    document.querySelectorAll("li.active").forEach(e => e.classList.remove("active"));
    if (li) li.classList.add("active");
    let first = null;
    for (const k of keys) {
      document.querySelectorAll('[data-key="' + CSS.escape(k) + '"]').forEach(e => {
        e.classList.add("hl");
        if (!first || e.tagName === "rect" && first.tagName !== "rect") first = e;
      });
    }
    if (first) first.scrollIntoView({ block: "center", behavior: instant ? "auto" : "smooth" });
  }
  // `page.html#f2` opens with finding 2 highlighted.
  const m2 = /^#f(\d+)$/.exec(location.hash);
  const li = m2 && document.getElementById("f" + m2[1]);
  if (li) highlight(li.getAttribute("data-cells").split(" ").filter(Boolean), li, true);
  document.body.setAttribute("data-rendered", "report");
})();
