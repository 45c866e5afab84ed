// Stacked bars: events per month, one colour per ACLED type, drawn as SVG from /api/timeline.
import { h, replace, s } from "./dom.js";
import { TYPES, colorOf } from "./types.js";

const WIDTH = 560;
const HEIGHT = 220;
const PAD = { left: 36, right: 8, top: 10, bottom: 34 };

function months(first, last) {
  const out = [];
  let [y, m] = first.split("-").map(Number);
  const [ly, lm] = last.split("-").map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
    if (out.length > 600) break; // 50 years: beyond that a monthly axis is unreadable anyway
  }
  return out;
}

// Beyond this many months the bars would be hairlines: count by year instead.
const MAX_MONTH_BARS = 48;

function years(first, last) {
  const out = [];
  for (let y = Number(first.slice(0, 4)); y <= Number(last.slice(0, 4)); y += 1) out.push(String(y));
  return out;
}

/** Monthly buckets [{month, type, n, fatalities}] summed by year: the same shape, `month` = YYYY. */
function byYear(buckets) {
  const acc = new Map();
  for (const b of buckets) {
    const key = `${b.month.slice(0, 4)}|${b.type}`;
    const cur = acc.get(key) || { month: b.month.slice(0, 4), type: b.type, n: 0, fatalities: 0 };
    cur.n += b.n;
    cur.fatalities += b.fatalities;
    acc.set(key, cur);
  }
  return [...acc.values()];
}

/** Draw the timeline into `box`; `onPick(period)` gets `YYYY-MM` or `YYYY` when a bar is clicked. */
export function drawTimeline(box, legendBox, buckets, onPick) {
  if (!buckets.length) {
    replace(box, h("p", { class: "empty" }, "No dated events match the filters."));
    replace(legendBox);
    return;
  }
  const first = buckets[0].month, last = buckets[buckets.length - 1].month;
  let axis = months(first, last);
  const yearly = axis.length > MAX_MONTH_BARS;
  if (yearly) {
    axis = years(first, last);
    buckets = byYear(buckets);
  }
  const title = document.getElementById("timeline-title");
  if (title) title.textContent = `Events per ${yearly ? "year" : "month"}, by type`;
  const byMonth = new Map(axis.map((m) => [m, []]));
  for (const b of buckets) byMonth.get(b.month)?.push(b);
  const totals = axis.map((m) => byMonth.get(m).reduce((n, b) => n + b.n, 0));
  const max = Math.max(1, ...totals);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const step = plotW / axis.length;
  const barW = Math.max(1, step * 0.8);
  const order = TYPES.map(([t]) => t);
  const svg = s("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", class: "chart", "aria-label": "events per month" });

  for (const frac of [0, 0.5, 1]) {
    const y = PAD.top + plotH * (1 - frac);
    svg.append(s("line", { x1: PAD.left, x2: WIDTH - PAD.right, y1: y, y2: y, class: "gridline" }));
    svg.append(s("text", { x: PAD.left - 4, y: y + 4, class: "tick", "text-anchor": "end" }, Math.round(max * frac)));
  }
  const labelEvery = Math.ceil(axis.length / 8);
  axis.forEach((month, i) => {
    const x = PAD.left + i * step + (step - barW) / 2;
    let y = PAD.top + plotH;
    const parts = byMonth.get(month).sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
    const g = s("g", { class: "bar", "data-month": month });
    for (const b of parts) {
      const bh = (b.n / max) * plotH;
      y -= bh;
      g.append(s("rect", { x, y, width: barW, height: Math.max(bh, 0.5), fill: colorOf(b.type) },
        s("title", {}, `${month} · ${b.type}: ${b.n} event(s), ${b.fatalities} killed`)));
    }
    g.addEventListener("click", () => onPick(month));
    svg.append(g);
    if (i % labelEvery === 0) {
      svg.append(s("text", { x: x + barW / 2, y: HEIGHT - PAD.bottom + 14, class: "tick", "text-anchor": "middle" }, month));
    }
  });
  replace(box, svg);
  const present = new Set(buckets.map((b) => b.type));
  replace(legendBox, TYPES.filter(([t]) => present.has(t)).map(([t, c]) =>
    h("span", { class: "key" }, swatch(c), t)));
}

export function swatch(color) {
  const sw = s("svg", { width: 10, height: 10, class: "swatch" });
  sw.append(s("rect", { width: 10, height: 10, fill: color }));
  return sw;
}
