// The single-page UI: a hash router (#/, #/event/<id>, #/contradictions, #/figures) over the API.
// Filters live in the hash query (#/?country=IQ&type=Battles) so a view can be bookmarked.
import { get, query } from "./api.js";
import { h, replace } from "./dom.js";
import { renderContradictions } from "./contradictions.js";
import { renderEvent } from "./event.js";
import { renderFigures } from "./figures.js";
import { EventMap } from "./map.js";
import { drawTable } from "./table.js";
import { drawTimeline } from "./timeline.js";
import { TYPES } from "./types.js";

const PAGE = 50;
// Markers drawn on the map: the API's largest page. Beyond it the note says how many are hidden.
const MAP_MAX = 500;
const FILTERS = ["country", "type", "since", "until", "actor", "text", "background"];
const TEXT_DEBOUNCE_MS = 300;

const $ = (sel) => document.querySelector(sel);
const state = { filters: {}, sort: "-date", offset: 0, total: 0 };
let map = null;
let loadSeq = 0;

function parseHash() {
  const raw = window.location.hash.replace(/^#/, "") || "/";
  const [path, qs] = raw.split("?");
  return { path, params: new URLSearchParams(qs || "") };
}

function setHashFilters() {
  const q = query({ ...state.filters, sort: state.sort === "-date" ? "" : state.sort });
  const target = q ? `#/?${q}` : "#/";
  if (window.location.hash !== target) history.replaceState(null, "", target);
}

function readFilters(params) {
  state.filters = {};
  for (const k of FILTERS) if (params.get(k)) state.filters[k] = params.get(k);
  state.sort = params.get("sort") || "-date";
  const form = $("#filters");
  for (const k of FILTERS) form.elements[k].value = state.filters[k] || "";
}

function formFilters() {
  const form = $("#filters");
  const out = {};
  for (const k of FILTERS) if (form.elements[k].value) out[k] = form.elements[k].value;
  return out;
}

async function loadEvents() {
  const seq = ++loadSeq;
  setHashFilters();
  const f = state.filters;
  const q = query(f);
  $("#export-csv").setAttribute("href", `/api/export.csv${q ? "?" + q : ""}`);
  $("#export-geojson").setAttribute("href", `/api/export.geojson${q ? "?" + q : ""}`);
  try {
    const [page, tl, located] = await Promise.all([
      get("/api/events", { ...f, sort: state.sort, limit: PAGE, offset: state.offset }),
      get("/api/timeline", f),
      get("/api/events", { ...f, located: "true", limit: MAP_MAX }),
    ]);
    if (seq !== loadSeq) return; // a newer filter change is in flight
    state.total = page.total;
    drawTable($("#events tbody"), page.events);
    const last = state.offset + page.events.length;
    const of = page.total_exact ? page.total.toLocaleString() : `more than ${page.total.toLocaleString()}`;
    $("#page-info").textContent = page.events.length ? `${state.offset + 1}–${last} of ${of} events` : "0 events";
    $("#prev").disabled = state.offset === 0;
    $("#next").disabled = page.events.length < PAGE || (page.total_exact && last >= page.total);
    drawTimeline($("#timeline"), $("#legend"), tl.buckets, pickMonth);
    const shown = map.show(located.events, (id) => { window.location.hash = `#/event/${encodeURIComponent(id)}`; });
    $("#map-note").textContent = located.total > shown || !located.total_exact
      ? `${shown} of ${located.total_exact ? "" : "more than "}${located.total.toLocaleString()} located events shown; narrow the filters to see the rest.`
      : `${shown} located event(s); events without coordinates are only in the table.`;
    document.querySelectorAll("th button[data-sort]").forEach((b) => {
      const key = b.dataset.sort;
      b.dataset.active = state.sort === key ? "asc" : state.sort === `-${key}` ? "desc" : "";
    });
    document.body.dataset.loaded = "events";
  } catch (err) {
    replace($("#events tbody"), h("tr", {}, h("td", { colspan: 7, class: "error" }, err.message)));
  }
}

function pickMonth(period) {
  // a bar is a month (YYYY-MM) or, on long timelines, a year (YYYY)
  const [y, m] = period.split("-").map(Number);
  const from = m ? `${period}-01` : `${y}-01-01`;
  const to = m ? `${period}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0")}` : `${y}-12-31`;
  $("#filters").elements.since.value = from;
  $("#filters").elements.until.value = to;
  applyFilters();
}

function applyFilters() {
  state.filters = formFilters();
  state.offset = 0;
  loadEvents();
}

function show(view) {
  for (const v of document.querySelectorAll(".view")) v.hidden = v.id !== `view-${view}`;
  for (const a of document.querySelectorAll("nav a[data-nav]")) a.classList.toggle("active", a.dataset.nav === view);
}

async function route() {
  const { path, params } = parseHash();
  delete document.body.dataset.loaded;
  if (path.startsWith("/event/")) {
    show("event");
    window.scrollTo(0, 0);
    await renderEvent($("#view-event"), decodeURIComponent(path.slice("/event/".length)));
    document.body.dataset.loaded = "event";
  } else if (path === "/contradictions") {
    show("contradictions");
    await renderContradictions($("#view-contradictions"));
    document.body.dataset.loaded = "contradictions";
  } else if (path === "/figures") {
    show("figures");
    await renderFigures($("#view-figures"), params.get("quantity"));
    document.body.dataset.loaded = "figures";
  } else {
    show("events");
    readFilters(params);
    map.invalidate();
    await loadEvents();
  }
}

async function init() {
  const form = $("#filters");
  for (const [t] of TYPES) form.elements.type.append(h("option", { value: t }, t));
  map = new EventMap($("#map"), $("#tiles"));
  try {
    const st = await get("/api/stats");
    for (const c of st.countries) form.elements.country.append(h("option", { value: c }, c));
    $("#stats").textContent = `${st.events} events · ${st.articles} articles · ${st.clusters} clusters`
      + (st.first_date ? ` · ${st.first_date} to ${st.last_date}` : "");
  } catch (err) {
    $("#stats").textContent = `API unavailable: ${err.message}`;
  }
  let timer = null;
  form.addEventListener("change", applyFilters);
  form.addEventListener("input", (e) => {
    if (e.target.type !== "search") return;
    clearTimeout(timer);
    timer = setTimeout(applyFilters, TEXT_DEBOUNCE_MS);
  });
  form.addEventListener("submit", (e) => { e.preventDefault(); applyFilters(); });
  form.addEventListener("reset", () => setTimeout(applyFilters, 0));
  $("#prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); loadEvents(); });
  $("#next").addEventListener("click", () => { state.offset += PAGE; loadEvents(); });
  document.querySelectorAll("th button[data-sort]").forEach((b) => b.addEventListener("click", () => {
    const key = b.dataset.sort;
    state.sort = state.sort === `-${key}` ? key : `-${key}`;
    state.offset = 0;
    loadEvents();
  }));
  window.addEventListener("hashchange", route);
  await route();
}

init();
