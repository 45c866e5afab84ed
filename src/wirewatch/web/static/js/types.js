// ACLED event types in codebook order, each with a colour (colour-blind-safe Okabe-Ito palette).
export const TYPES = [
  ["Battles", "#d55e00"],
  ["Explosions/Remote violence", "#cc79a7"],
  ["Violence against civilians", "#e69f00"],
  ["Protests", "#0072b2"],
  ["Riots", "#56b4e9"],
  ["Strategic developments", "#009e73"],
];
export const COLOR = Object.fromEntries(TYPES);
export const OTHER_COLOR = "#777777";
export const colorOf = (type) => COLOR[type] || OTHER_COLOR;
