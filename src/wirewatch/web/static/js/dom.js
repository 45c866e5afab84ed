// Building DOM from untrusted data: only text nodes and attributes we choose, never HTML strings.

/** Create an element: h("a", {href: "#/x", class: "k"}, "text", childNode, [more]). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "href") el.setAttribute("href", value);
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

/** Append children (strings become text nodes; arrays are flattened; null is skipped). */
export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Remove every child, then append the new ones. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** Create an SVG element with attributes; text children become text nodes. */
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined) el.setAttribute(key, String(value));
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** The URL when it is an absolute http(s) URL, else null: no javascript:, data:, relative tricks. */
export function safeUrl(url) {
  if (typeof url !== "string") return null;
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

/** A link for a safe URL, else the URL (or fallback) as plain text. */
export function link(url, label) {
  const safe = safeUrl(url);
  const text = label || url || "";
  return safe ? h("a", { href: safe, rel: "noopener noreferrer nofollow", target: "_blank" }, text) : h("span", {}, text);
}

/** Text split into nodes with <mark>s on the given spans ([{start, end, class, title}]).
 *  Overlapping spans are clipped so every character is shown exactly once. */
export function highlighted(text, spans) {
  const frag = document.createDocumentFragment();
  const sorted = [...spans].filter((sp) => sp.end > sp.start).sort((a, b) => a.start - b.start || b.end - a.end);
  let pos = 0;
  for (const sp of sorted) {
    const start = Math.max(sp.start, pos);
    const end = Math.min(sp.end, text.length);
    if (end <= start) continue;
    if (start > pos) frag.append(document.createTextNode(text.slice(pos, start)));
    const mark = h("mark", { class: sp.class || null, title: sp.title || null }, text.slice(start, end));
    if (sp.id) mark.dataset.event = sp.id;
    frag.append(mark);
    pos = end;
  }
  if (pos < text.length) frag.append(document.createTextNode(text.slice(pos)));
  return frag;
}

export function fmt(value, empty = "—") {
  return value === null || value === undefined || value === "" ? empty : String(value);
}
