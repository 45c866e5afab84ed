// The event page: every field, the contradictions, and each report's sentence highlighted in the
// text of its article (text nodes + <mark>, built from the stored character spans).
import { get } from "./api.js";
import { fmt, h, highlighted, link, replace } from "./dom.js";
import { swatch } from "./timeline.js";
import { colorOf } from "./types.js";

const FIELDS = [
  ["date", "Date"], ["date_basis", "Date basis"], ["place", "Place"], ["admin1", "Admin1"],
  ["country", "Country"], ["lat", "Latitude"], ["lon", "Longitude"], ["geo_precision", "Geo precision"],
  ["actor1", "Actor 1"], ["actor2", "Actor 2"], ["fatalities", "Fatalities"], ["injured", "Injured"],
  ["background", "Background"], ["confidence", "Confidence"], ["cluster", "Cluster"], ["id", "Event id"],
];

/** One source of a value: the article's title (else its source path, else the raw id), linking
 *  to the report's event page when the source is an event. */
function sourceNode(a) {
  const label = a.title || a.source || a.id;
  return a.event_id ? h("a", { href: `#/event/${encodeURIComponent(a.event_id)}` }, label) : h("span", {}, label);
}

export function contradictionValues(c) {
  return h("ul", { class: "values" }, (c.values || []).map((v) => {
    const sources = v.attributed || (v.sources || []).map((id) => ({ id }));
    const nodes = sources.flatMap((a, i) => (i ? [", ", sourceNode(a)] : [sourceNode(a)]));
    return h("li", {}, h("strong", {}, fmt(v.value)), " — ", nodes);
  }));
}

function fieldList(ev) {
  return h("dl", { class: "fields" }, FIELDS.map(([key, label]) => [
    h("dt", {}, label),
    h("dd", {}, key === "background" ? (ev.background ? "yes (recalled as context)" : "no (reported as news)") : fmt(ev[key])),
  ]));
}

/** The provenance spans that fall inside the evidence sentence, relative to it: the words each
 *  field came from, underlined, with the field names as a tooltip. */
function fieldSpans(ev) {
  const base = ev.span.start;
  const byRange = new Map();
  for (const [field, sp] of Object.entries(ev.provenance || {})) {
    if (sp.start < base || sp.end > ev.span.end || sp.end <= sp.start) continue;
    const key = `${sp.start}:${sp.end}`;
    byRange.set(key, [...(byRange.get(key) || []), field]);
  }
  return [...byRange.entries()].map(([key, fields]) => {
    const [start, end] = key.split(":").map(Number);
    return { start: start - base, end: end - base, class: "field", title: fields.join(", ") };
  });
}

async function reportBlock(parent, report, focusId) {
  const { event, article } = report;
  const box = h("article", { class: "report" });
  parent.append(box); // attached before filling, so the evidence can be scrolled into view
  const a = article || { id: event.doc_id };
  box.append(h("header", {},
    h("h3", {}, a.url ? link(a.url, a.title || a.url) : fmt(a.title, a.id)),
    h("div", { class: "sub" }, [a.source, a.published && `published ${a.published}`, a.lang].filter(Boolean).join(" · ")),
    h("div", { class: "sub" }, event.id === focusId ? "this report" : h("a", { href: `#/event/${encodeURIComponent(event.id)}` }, "open this report"),
      ` · ${event.type} · ${fmt(event.date, "undated")} · killed ${fmt(event.fatalities)} · injured ${fmt(event.injured)}`)));
  const textBox = h("div", { class: "article-text" }, "loading…");
  box.append(textBox);
  try {
    const art = await get(`/api/articles/${encodeURIComponent(event.doc_id)}`);
    const spans = (art.events || []).map((e) => ({
      start: e.span.start, end: e.span.end, id: e.id,
      class: e.id === event.id ? "evidence" : "other",
      title: e.id === event.id ? "evidence of this event" : `another event: ${e.type}`,
    })).concat((art.figures || []).map((f) => ({
      start: f.span.start, end: f.span.end, class: "figure", title: `figure: ${f.value} ${f.quantity}`,
    })));
    replace(textBox, highlighted(art.text, spans));
    const mark = textBox.querySelector("mark.evidence");
    // .article-text is position: relative, so offsetTop is measured inside the scrolling box
    if (mark) textBox.scrollTop = Math.max(0, mark.offsetTop - 40);
  } catch (err) {
    replace(textBox, h("p", { class: "error" }, err.message));
  }
  return box;
}

export async function renderEvent(root, id) {
  replace(root, h("p", {}, "Loading…"));
  let ev;
  try {
    ev = await get(`/api/events/${encodeURIComponent(id)}`);
  } catch (err) {
    replace(root, h("p", { class: "error" }, err.message), h("a", { href: "#/" }, "← back to events"));
    return;
  }
  const cl = ev.cluster_summary;
  const header = h("div", { class: "event-head" },
    h("a", { href: "#/", class: "back" }, "← events"),
    h("h2", {}, swatch(colorOf(ev.type)), ` ${ev.type} — ${ev.subtype}`),
    h("p", { class: "sub" }, [ev.place, ev.admin1, ev.country].filter(Boolean).join(", ") || "place unknown",
      " · ", fmt(ev.date, "date unknown"),
      cl ? ` · reported by ${cl.n_sources} source(s) in ${cl.n_outlets} outlet(s)` : ""));
  const evidence = h("blockquote", { class: "quote" }, highlighted(ev.evidence, fieldSpans(ev)));
  const contra = ev.contradictions.length
    ? h("section", { class: "panel" }, h("h3", {}, "Contradictions"),
      ev.contradictions.map((c) => h("div", { class: "contradiction" },
        h("strong", {}, c.field), ` (${c.scope === "event" ? "within the article" : "across reports"})`,
        c.note ? h("div", { class: "sub" }, c.note) : null, contradictionValues(c))))
    : null;
  const reports = h("section", { class: "reports" }, h("h3", {}, `Reports (${ev.reports.length})`));
  const hint = h("p", { class: "sub" }, "Evidence sentence; underlined: the words a field comes from (hover to see which).");
  replace(root, header, h("div", { class: "event-body" },
    h("div", {}, h("section", { class: "panel" }, h("h3", {}, "Fields"), fieldList(ev)), contra),
    h("div", {}, hint, evidence, reports)));
  for (const r of ev.reports) await reportBlock(reports, r, ev.id);
}
