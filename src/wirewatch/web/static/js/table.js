// The events table: one row per event, linking to its page. Cells are text nodes only.
import { fmt, h, replace } from "./dom.js";
import { swatch } from "./timeline.js";
import { colorOf } from "./types.js";

const EVIDENCE_CHARS = 160;

function clip(text, n) {
  return text.length > n ? text.slice(0, n - 1) + "…" : text;
}

export function drawTable(tbody, events) {
  if (!events.length) {
    replace(tbody, h("tr", {}, h("td", { colspan: 7, class: "empty" }, "No events match the filters.")));
    return;
  }
  replace(tbody, events.map((e) => h("tr", { dataset: { id: e.id } },
    h("td", { class: "nowrap" }, h("a", { href: `#/event/${encodeURIComponent(e.id)}` }, fmt(e.date, "undated"))),
    h("td", {}, swatch(colorOf(e.type)), " ", e.subtype, e.background ? h("span", { class: "tag" }, "background") : null),
    h("td", {}, fmt(e.place), h("div", { class: "sub" }, [e.admin1, e.country].filter(Boolean).join(", "))),
    h("td", {}, fmt(e.actor1), e.actor2 ? h("div", { class: "sub" }, "vs ", e.actor2) : null),
    h("td", { class: "num" }, fmt(e.fatalities)),
    h("td", { class: "num" }, fmt(e.injured)),
    h("td", { class: "evidence" }, clip(e.evidence || "", EVIDENCE_CHARS)),
  )));
}
