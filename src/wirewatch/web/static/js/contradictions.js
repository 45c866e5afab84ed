// Contradictions: fields on which the sentences of one article, or several reports, disagree.
import { get } from "./api.js";
import { fmt, h, replace } from "./dom.js";
import { contradictionValues } from "./event.js";

export async function renderContradictions(root) {
  replace(root, h("p", {}, "Loading…"));
  let data;
  try {
    data = await get("/api/contradictions", { limit: 500 });
  } catch (err) {
    replace(root, h("p", { class: "error" }, err.message));
    return;
  }
  const rows = data.contradictions.map((c) => {
    const a = c.about || {};
    const what = `${fmt(a.type, "?")} · ${fmt(a.date, "undated")} · ${fmt(a.place, "place unknown")}${a.country ? ", " + a.country : ""}`;
    return h("tr", {},
      h("td", {}, a.event_id ? h("a", { href: `#/event/${encodeURIComponent(a.event_id)}` }, what) : what),
      h("td", {}, c.field),
      h("td", {}, c.scope === "event" ? "within one article" : "across reports"),
      h("td", {}, contradictionValues(c)),
      h("td", {}, fmt(c.note, "")));
  });
  replace(root, h("h2", {}, `Contradictions (${data.total})`),
    h("p", { class: "sub" }, "Where the sources disagree, every value is kept with who said it."),
    h("div", { class: "panel" }, h("table", { class: "grid" },
      h("thead", {}, h("tr", {}, ["Event", "Field", "Scope", "Values and sources", "Note"].map((t) => h("th", {}, t)))),
      h("tbody", {}, rows.length ? rows : h("tr", {}, h("td", { colspan: 5, class: "empty" }, "No contradictions recorded."))))));
}
