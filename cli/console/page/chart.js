// The console's power chart: plain SVG drawn with DOM calls (no inline styles, so the strict
// Content-Security-Policy holds). The pure helpers are exported for tests.

const SVG = "http://www.w3.org/2000/svg";

/** Chart size and margins, in viewBox units (the SVG scales to its box). */
export const FRAME = { width: 720, height: 300, left: 58, right: 14, top: 12, bottom: 26 };

/** How long the chart spans, ms. */
export const SPAN_MS = 3_600_000;

/** A gap longer than this (no sample) breaks the line, ms. */
export const GAP_MS = 30_000;

/**
 * Tick values at a "nice" step (1, 2 or 5 × 10^n) covering [min, max] in about `count` steps.
 * @param {number} min
 * @param {number} max
 * @param {number} count
 * @returns {number[]}
 */
export function niceTicks(min, max, count) {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0];
  if (max - min < 1e-9) {
    min -= 100;
    max += 100;
  }
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks = [];
  for (let v = Math.floor(min / step) * step; v <= max + step * 1e-9; v += step) {
    ticks.push(Math.round(v / step) * step);
    if (ticks[ticks.length - 1] >= max) break;
  }
  if (ticks[ticks.length - 1] < max) ticks.push(ticks[ticks.length - 1] + step);
  return ticks;
}

/**
 * SVG path data for one series: a line through the samples, broken at nulls and at gaps.
 * @param {number[]} times epoch ms, ascending
 * @param {(number|null)[]} values
 * @param {(t: number) => number} x
 * @param {(v: number) => number} y
 * @returns {string}
 */
export function pathData(times, values, x, y) {
  let d = "";
  let previous = null;
  for (let i = 0; i < times.length; i++) {
    const v = values[i];
    const t = times[i];
    if (v === null || v === undefined || !Number.isFinite(v)) {
      previous = null;
      continue;
    }
    const move = previous === null || t - previous > GAP_MS;
    d += `${move ? "M" : "L"}${x(t).toFixed(1)},${y(v).toFixed(1)}`;
    previous = t;
  }
  return d;
}

/** HH:MM of an epoch ms, in the browser's time zone. */
export function clockLabel(ms) {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}

function el(name, attributes, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The series of the chart, in drawing order (total last, on top). */
export const SERIES = ["l1", "l2", "l3", "total"];

/**
 * Draws the last hour of `series` ({ t: [], l1: [], l2: [], l3: [], total: [] }) into `svg`.
 * @param {SVGSVGElement} svg
 * @param {{ t: number[], l1: (number|null)[], l2: (number|null)[], l3: (number|null)[], total: (number|null)[] }} series
 * @param {number} nowMs
 */
export function drawChart(svg, series, nowMs) {
  const f = FRAME;
  const x0 = f.left;
  const x1 = f.width - f.right;
  const y0 = f.top;
  const y1 = f.height - f.bottom;
  const start = nowMs - SPAN_MS;
  let min = 0;
  let max = 0;
  for (const name of SERIES) {
    for (let i = 0; i < series.t.length; i++) {
      const v = series[name][i];
      if (series.t[i] < start || v === null || !Number.isFinite(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const ticks = niceTicks(min, max, 5);
  const lo = ticks[0];
  const hi = ticks[ticks.length - 1];
  const x = (t) => x0 + ((t - start) / SPAN_MS) * (x1 - x0);
  const y = (v) => y1 - ((v - lo) / (hi - lo || 1)) * (y1 - y0);

  const nodes = [];
  const zero = Math.min(Math.max(y(0), y0), y1);
  if (zero > y0) {
    nodes.push(
      el("rect", { class: "band-import", x: x0, y: y0, width: x1 - x0, height: zero - y0 }),
    );
  }
  if (zero < y1) {
    nodes.push(
      el("rect", { class: "band-export", x: x0, y: zero, width: x1 - x0, height: y1 - zero }),
    );
  }
  if (zero - y0 > 14) {
    nodes.push(
      el(
        "text",
        { class: "band-label import", x: x1 - 6, y: y0 + 12, "text-anchor": "end" },
        "IMPORT",
      ),
    );
  }
  if (y1 - zero > 14) {
    nodes.push(
      el(
        "text",
        { class: "band-label export", x: x1 - 6, y: y1 - 5, "text-anchor": "end" },
        "EXPORT",
      ),
    );
  }
  for (const v of ticks) {
    nodes.push(
      el("line", {
        class: v === 0 ? "zero-line" : "grid-line",
        x1: x0,
        x2: x1,
        y1: y(v),
        y2: y(v),
      }),
    );
    nodes.push(el("text", { class: "axis-label y", x: x0 - 6, y: y(v) + 4 }, formatWatts(v)));
  }
  const tenMinutes = 600_000;
  for (let t = Math.ceil(start / tenMinutes) * tenMinutes; t <= nowMs; t += tenMinutes) {
    nodes.push(el("line", { class: "grid-line", x1: x(t), x2: x(t), y1: y0, y2: y1 }));
    nodes.push(el("text", { class: "axis-label x", x: x(t), y: y1 + 17 }, clockLabel(t)));
  }
  let points = 0;
  for (let i = 0; i < series.t.length; i++) if (series.t[i] >= start) points++;
  if (points === 0) {
    nodes.push(
      el("text", { class: "empty", x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, "No samples yet"),
    );
  }
  for (const name of SERIES) {
    const d = pathData(series.t, series[name], x, y);
    if (d !== "") nodes.push(el("path", { class: `series s-${name}`, d }));
  }
  svg.replaceChildren(...nodes);
  svg.setAttribute("data-points", String(points));
}

/** `1.5 kW`, `800 W`, `-2 kW` for axis labels. */
export function formatWatts(v) {
  if (Math.abs(v) >= 1000) return `${Number((v / 1000).toFixed(1))} kW`;
  return `${v} W`;
}
