// Leaflet map: Natural Earth country outlines shipped with the app (works offline); OpenStreetMap
// tiles only when the user ticks the box. Popups are DOM nodes, never HTML strings.
import { h } from "./dom.js";
import { colorOf } from "./types.js";

const L = window.L;
const TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
const TILE_ATTRIBUTION = "© OpenStreetMap contributors";

export class EventMap {
  constructor(el, tilesBox) {
    this.map = L.map(el, { worldCopyJump: true, zoomSnap: 0.5, attributionControl: true }).setView([20, 20], 2);
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution("Natural Earth");
    this.markers = L.layerGroup().addTo(this.map);
    this.tiles = null;
    fetch("/static/vendor/countries.geojson")
      .then((r) => r.json())
      .then((geo) => {
        L.geoJSON(geo, { style: { color: "#8a8f98", weight: 0.7, fillColor: "#eef0f3", fillOpacity: 1 }, interactive: false })
          .addTo(this.map).bringToBack();
      });
    tilesBox.addEventListener("change", () => this.setTiles(tilesBox.checked));
  }

  setTiles(on) {
    if (on && !this.tiles) {
      this.tiles = L.tileLayer(TILE_URL, { maxZoom: 18, attribution: TILE_ATTRIBUTION }).addTo(this.map);
    } else if (!on && this.tiles) {
      this.map.removeLayer(this.tiles);
      this.tiles = null;
    }
  }

  /** Replace the markers with these events (those with lat/lon); fit the view to them. */
  show(events, onOpen) {
    this.markers.clearLayers();
    const pts = [];
    for (const e of events) {
      if (e.lat === null || e.lon === null || e.lat === undefined) continue;
      const radius = 5 + Math.min(10, Math.sqrt(e.fatalities || 0) * 2);
      const m = L.circleMarker([e.lat, e.lon], {
        radius, color: "#222", weight: 1, fillColor: colorOf(e.type), fillOpacity: 0.85, className: "event-marker",
      });
      m.bindTooltip(h("span", {}, `${e.date || "undated"} · ${e.type} · ${e.place || ""}`));
      m.on("click", () => onOpen(e.id));
      m.addTo(this.markers);
      pts.push([e.lat, e.lon]);
    }
    if (pts.length) this.map.fitBounds(L.latLngBounds(pts).pad(0.3), { maxZoom: 7 });
    return pts.length;
  }

  invalidate() {
    this.map.invalidateSize();
  }
}
