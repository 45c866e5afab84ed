// Figures over time (e.g. troop numbers), one series per country, each point with its source.
import { get } from "./api.js";
import { fmt, h, link, replace, s } from "./dom.js";

const WIDTH = 1100;
const HEIGHT = 300;
const PAD = { left: 64, right: 16, top: 14, bottom: 36 };
const SERIES_COLORS = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#444444"];

function dayNumber(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y, (m || 1) - 1, d || 1) / 86400000;
}

function chart(figs) {
  const dated = figs.filter((f) => f.as_of);
  if (!dated.length) return h("p", { class: "empty" }, "None of these figures has a date, so there is nothing to plot.");
  const xs = dated.map((f) => dayNumber(f.as_of));
  const x0 = Math.min(...xs), x1 = Math.max(...xs) || x0 + 1;
  const ymax = Math.max(1, ...dated.map((f) => f.value));
  const px = (x) => PAD.left + ((x - x0) / Math.max(1, x1 - x0)) * (WIDTH - PAD.left - PAD.right);
  const py = (v) => PAD.top + (1 - v / ymax) * (HEIGHT - PAD.top - PAD.bottom);
  const svg = s("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "chart", role: "img", "aria-label": "figures over time" });
  for (const frac of [0, 0.25, 0.5, 0.75, 1]) {
    const y = py(ymax * frac);
    svg.append(s("line", { x1: PAD.left, x2: WIDTH - PAD.right, y1: y, y2: y, class: "gridline" }));
    svg.append(s("text", { x: PAD.left - 6, y: y + 4, class: "tick", "text-anchor": "end" }, Math.round(ymax * frac).toLocaleString()));
  }
  const series = new Map();
  for (const f of dated) {
    const key = f.country || "unknown";
    if (!series.has(key)) series.set(key, []);
    series.get(key).push(f);
  }
  const legend = [];
  [...series.entries()].forEach(([key, pts], i) => {
    const color = SERIES_COLORS[i % SERIES_COLORS.length];
    pts.sort((a, b) => a.as_of.localeCompare(b.as_of));
    if (pts.length > 1) {
      svg.append(s("polyline", { points: pts.map((f) => `${px(dayNumber(f.as_of))},${py(f.value)}`).join(" "), fill: "none", stroke: color, "stroke-width": 1.5 }));
    }
    for (const f of pts) {
      svg.append(s("circle", { cx: px(dayNumber(f.as_of)), cy: py(f.value), r: 5, fill: color, class: "point" },
        s("title", {}, `${f.as_of}: ${f.value.toLocaleString()} ${f.about}${f.attributed_to ? " (according to " + f.attributed_to + ")" : ""} — ${f.article.title || f.article.source}`)));
    }
    legend.push(h("span", { class: "key" }, h("span", { class: "dot", dataset: { color } }), key));
  });
  const firstLabel = dated.reduce((a, f) => (f.as_of < a ? f.as_of : a), dated[0].as_of);
  const lastLabel = dated.reduce((a, f) => (f.as_of > a ? f.as_of : a), dated[0].as_of);
  svg.append(s("text", { x: PAD.left, y: HEIGHT - 10, class: "tick" }, firstLabel));
  svg.append(s("text", { x: WIDTH - PAD.right, y: HEIGHT - 10, class: "tick", "text-anchor": "end" }, lastLabel));
  const wrap = h("div", {}, svg, h("div", { class: "legend" }, legend));
  // colour the legend dots through the CSSOM (allowed by the CSP, unlike style attributes)
  wrap.querySelectorAll(".dot").forEach((d) => { d.style.background = d.dataset.color; });
  return wrap;
}

export async function renderFigures(root, quantity) {
  replace(root, h("p", {}, "Loading…"));
  let data;
  try {
    data = await get("/api/figures", { quantity, limit: 500 });
    if (!quantity && data.quantities.length) {
      const pick = data.quantities.find((q) => q.quantity === "troops") || data.quantities[0];
      quantity = pick.quantity;
      data = await get("/api/figures", { quantity, limit: 500 });
    }
  } catch (err) {
    replace(root, h("p", { class: "error" }, err.message));
    return;
  }
  const select = h("select", { id: "quantity" }, data.quantities.map((q) =>
    h("option", { value: q.quantity, selected: q.quantity === quantity }, `${q.quantity} (${q.figures})`)));
  select.addEventListener("change", () => { window.location.hash = `#/figures?quantity=${encodeURIComponent(select.value)}`; });
  const rows = data.figures.map((f) => h("tr", {},
    h("td", { class: "nowrap" }, fmt(f.as_of, "undated")),
    h("td", { class: "num" }, f.value.toLocaleString()),
    h("td", {}, f.about),
    h("td", {}, fmt(f.country)),
    h("td", {}, fmt(f.attributed_to, "")),
    h("td", {}, f.article.url ? link(f.article.url, f.article.title || f.article.url) : fmt(f.article.title, f.article.source)),
    h("td", { class: "evidence" }, f.evidence)));
  replace(root, h("h2", {}, "Figures"),
    h("p", { class: "sub" }, "Numbers the articles state about the situation, each with its sentence and source. ",
      h("label", {}, "Quantity ", select)),
    h("figure", { class: "panel" }, h("figcaption", {}, `${quantity || "figures"} over time, by country`), chart(data.figures)),
    h("div", { class: "panel" }, h("table", { class: "grid" },
      h("thead", {}, h("tr", {}, ["As of", "Value", "About", "Country", "According to", "Source", "Sentence"].map((t) => h("th", {}, t)))),
      h("tbody", {}, rows.length ? rows : h("tr", {}, h("td", { colspan: 7, class: "empty" }, "No figures recorded."))))));
}
