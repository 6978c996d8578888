// @ts-check
// Line charts of the prototype lab (ROC, precision-recall, calibration, decision curve) drawn
// as inline SVG, each with its data as a table beside it for screen readers and for anyone who
// wants the numbers. No chart library: a few axes, polylines and one movable marker.
import { h, uid } from '../dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const W = 320;
const H = 240;
const PAD = { left: 44, right: 12, top: 12, bottom: 40 };

/** @param {string} tag @param {Record<string, string | number>} attrs @param {...(Node | null)} children */
function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) if (c) el.append(c);
  return el;
}

/**
 * @typedef {{x: number, y: number}} XY
 * @typedef {{name: string, points: XY[], kind: string, dots?: boolean, line?: boolean}} Series
 * @typedef {{title: string, x: string, y: string, xMax: number, yMin?: number, yMax: number,
 *   series: Series[], columns: string[], rows: (string | number)[][], marker?: XY}} ChartSpec
 */

/**
 * lineChart draws spec as a figure: the SVG (an image named by its title and summary) beside a
 * table of its data. setMarker moves the operating point without drawing anything else again.
 * @param {ChartSpec} spec
 */
export function lineChart(spec) {
  const yMin = spec.yMin ?? 0;
  const px = (/** @type {number} */ x) => PAD.left + (x / spec.xMax) * (W - PAD.left - PAD.right);
  const py = (/** @type {number} */ y) => H - PAD.bottom - ((Math.max(yMin, Math.min(spec.yMax, y)) - yMin) / (spec.yMax - yMin)) * (H - PAD.top - PAD.bottom);
  const id = uid('chart');
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-labelledby': `${id}-title` },
    s('title', { id: `${id}-title` }, document.createTextNode(`${spec.title}: ${spec.y} against ${spec.x}`)),
    axes(spec, px, py, yMin));
  for (const series of spec.series) {
    const points = series.points.map((p) => `${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' ');
    if (series.line !== false) svg.append(s('polyline', { points, class: `series ${series.kind}`, fill: 'none' }));
    if (series.dots) for (const p of series.points) svg.append(s('circle', { cx: px(p.x), cy: py(p.y), r: 3, class: `dot ${series.kind}` }));
  }
  const marker = s('circle', { r: 6, class: 'marker', cx: px(0), cy: py(0) });
  svg.append(marker);
  const legend = h('ul', { className: 'chart-legend' }, spec.series.map((x) => h('li', { className: x.kind }, x.name)));
  const table = h('div', { className: 'table-wrap chart-data', tabindex: '0', role: 'region', 'aria-label': `${spec.title}: data` },
    h('table', {},
      h('caption', {}, `${spec.title}: data`),
      h('thead', {}, h('tr', {}, spec.columns.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, spec.rows.map((r) => h('tr', {}, r.map((v) => h('td', {}, String(v))))))));
  const node = h('figure', { className: 'lab-chart' },
    h('figcaption', {}, spec.title),
    h('div', { className: 'chart-pair' }, h('div', { className: 'chart-box' }, svg, legend), table));
  /** @param {XY | null} p */
  const setMarker = (p) => {
    marker.setAttribute('visibility', p ? 'visible' : 'hidden');
    if (p) {
      marker.setAttribute('cx', px(p.x).toFixed(1));
      marker.setAttribute('cy', py(p.y).toFixed(1));
    }
  };
  setMarker(spec.marker || null);
  return { node, setMarker };
}

/**
 * @param {ChartSpec} spec
 * @param {(x: number) => number} px
 * @param {(y: number) => number} py
 * @param {number} yMin
 */
function axes(spec, px, py, yMin) {
  const g = s('g', { class: 'axes' });
  g.append(s('line', { x1: px(0), y1: py(yMin), x2: px(spec.xMax), y2: py(yMin) }));
  g.append(s('line', { x1: px(0), y1: py(yMin), x2: px(0), y2: py(spec.yMax) }));
  for (let i = 0; i <= 4; i++) {
    const x = (spec.xMax * i) / 4;
    const y = yMin + ((spec.yMax - yMin) * i) / 4;
    g.append(s('text', { x: px(x), y: H - PAD.bottom + 14, 'text-anchor': 'middle' }, document.createTextNode(tick(x))));
    g.append(s('text', { x: PAD.left - 4, y: py(y) + 4, 'text-anchor': 'end' }, document.createTextNode(tick(y))));
  }
  g.append(s('text', { x: (PAD.left + W - PAD.right) / 2, y: H - 6, 'text-anchor': 'middle', class: 'axis-label' }, document.createTextNode(spec.x)));
  return g;
}

/** @param {number} v */
function tick(v) {
  return Math.abs(v) < 1 && v !== 0 ? v.toFixed(2).replace(/0$/, '') : String(Math.round(v * 100) / 100);
}

/** fixed formats a number for a data table. @param {number} v @param {number} [digits] */
export function fixed(v, digits = 3) {
  return Number.isFinite(v) ? v.toFixed(digits) : '–';
}
