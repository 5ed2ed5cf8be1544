/**
 * Parallel coordinates in hand-written Vega (after vega's `parallel-coordinates` example),
 * because vega-lite has one y scale per view and one brush per selection. Everything an
 * axis shows — where each line crosses it, its ticks on each scale — comes from the plain
 * data (parallel-data.ts); the view only places it:
 * - the width follows the container (`containerSize()`, again on every window resize);
 * - each axis has its own interval brush (drag on it; a click clears it); a line stays
 *   coloured only inside every brush, and those candidates form the `selected` data set the
 *   ranked table listens to;
 * - a click on the scale switch under an axis cycles it (linear, log, categories);
 * - dragging an axis title sideways moves the axis (the page's script applies the drop);
 * - `colorBy` picks the colouring (an axis or the rank), `hover` the highlighted line.
 */
import type { Legend, Mark, Scale, Spec } from 'vega';
import { brushMarks, brushSignals, insideBrushesExpr } from './parallel-brush.js';
import type { AxisKind } from './axes.js';
import type { Colouring, ParallelAxis, ParallelData } from './parallel-data.js';

export const PARALLEL_HEIGHT = 320;
/** Room at the right for the colour legend. */
export const LEGEND_SPACE = 190;
export const PADDING = { top: 48, left: 64, right: LEGEND_SPACE, bottom: 34 } as const;
/** Axes closer than this take their titles on two alternating rows. */
export const STAGGER_BELOW = 130;
/** Name of the vega data set holding the candidates inside every brush. */
export const SELECTED_DATA = 'selected';

const SCALE_WORD: Record<AxisKind, string> = { linear: 'linear', log: 'log', quantile: 'quantile', categorical: 'categories' };
const OUTSIDE = '#d9d9d9';
const NO_VALUE = '#9e9e9e';

/** The view width for a container: the container less the padding, never so narrow that axes touch. */
export function widthExpr(nAxes: number): string {
  const min = Math.max(360, 70 * (nAxes - 1));
  const inner = `containerSize()[0] - ${PADDING.left + PADDING.right}`;
  return `max(${min}, isFinite(${inner}) ? ${inner} : 0)`;
}

export function parallelSpec(data: ParallelData): Spec {
  const { axes } = data;
  const keys = axes.map((a) => a.key);
  const inside = insideBrushesExpr(axes);
  // Worst drawn first, so the better lines lie on top.
  const drawOrder = new Map([...data.rows].sort((a, b) => b.rank - a.rank || b.id - a.id).map((row, i) => [row.id, i]));
  const candidates = data.rows.map((row) => ({
    id: row.id, label: row.label, rank: row.rank, order: drawOrder.get(row.id), tip: row.tooltip,
    v: colourValues(row, axes), ...row.positions,
  }));
  const axisRows = axes.map((a) => ({ key: a.key, title: a.title, kinds: a.kinds, why: a.why }));
  const ticks = axes.flatMap((a) => Object.values(a.scales).flatMap((scale) => scale!.ticks.map((tick) => ({ key: a.key, kind: scale!.kind, ...tick }))));
  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    description: 'Parallel coordinates of the candidates: one line each, coloured by mean test score.',
    height: PARALLEL_HEIGHT,
    padding: { ...PADDING },
    autosize: { type: 'none' },
    data: [
      { name: 'candidates', values: candidates },
      { name: SELECTED_DATA, source: 'candidates', transform: [{ type: 'filter', expr: inside }] },
      {
        name: 'points',
        source: 'candidates',
        transform: [
          { type: 'fold', fields: keys, as: ['axis', 'p'] },
          { type: 'formula', as: 'y', expr: 'datum.p[axisScale[datum.axis]]' },
          { type: 'formula', as: 'slot', expr: 'indexof(axisOrder, datum.axis)' },
        ],
      },
      { name: 'hovered', source: 'points', transform: [{ type: 'filter', expr: 'datum.id === hover' }] },
      { name: 'axes', values: axisRows, transform: [{ type: 'formula', as: 'slot', expr: 'indexof(axisOrder, datum.key)' }] },
      { name: 'switchable', source: 'axes', transform: [{ type: 'filter', expr: 'length(datum.kinds) > 1' }] },
      { name: 'ticks', values: ticks, transform: [{ type: 'filter', expr: 'datum.kind === axisScale[datum.key]' }] },
    ],
    signals: [
      { name: 'width', init: widthExpr(axes.length), on: [{ events: 'window:resize', update: widthExpr(axes.length) }] },
      { name: 'axisOrder', value: keys },
      { name: 'axisScale', value: Object.fromEntries(axes.map((a) => [a.key, a.kind])), on: [{ events: '@axis-scale:click', update: nextScaleExpr(axes) }] },
      { name: 'colorBy', value: data.colourBy },
      { name: 'hover', value: null, on: [{ events: '@candidate-hit:mouseover', update: 'datum.id' }, { events: '@candidate-hit:mouseout', update: 'null' }] },
      {
        name: 'drag',
        value: null,
        on: [
          { events: '@axis-title:mousedown', update: '{key: datum.key, x: null}' },
          { events: '[@axis-title:mousedown, window:mouseup] > window:mousemove', update: 'drag ? {key: drag.key, x: clamp(x(), 0, width)} : null' },
          { events: 'window:mouseup', update: 'drag && isValid(drag.x) ? {key: drag.key, x: drag.x, dropped: true} : null' },
        ],
      },
      { name: 'spacing', update: `width / ${Math.max(1, axes.length - 1)}` },
      ...axes.flatMap((axis) => brushSignals(axis.key)),
    ],
    scales: [
      { name: 'ord', type: 'point', domain: { signal: 'axisOrder' }, range: 'width' },
      { name: 'y', type: 'linear', domain: [0, 1], range: 'height', zero: false, nice: false },
      ...data.colourings.map(colourScale),
    ],
    legends: data.colourings.map(colourLegend),
    marks: [
      ...candidateMarks(inside, data.colourings),
      ...axisMarks(),
      ...axes.flatMap((axis) => brushMarks(axis.key)),
      {
        type: 'rule',
        name: 'drop-line',
        interactive: false,
        encode: {
          update: {
            x: { signal: 'drag && isValid(drag.x) && !drag.dropped ? drag.x : -100' }, y: { value: -30 }, y2: { signal: 'height + 10' },
            stroke: { value: '#2c5d8f' }, strokeWidth: { value: 2 }, strokeDash: { value: [4, 3] },
          },
        },
      },
    ],
  };
}

/** What each colouring reads from a row: the category text on categorical axes, the number elsewhere. */
function colourValues(row: ParallelData['rows'][number], axes: readonly ParallelAxis[]): Record<string, number | string | null> {
  return Object.fromEntries(axes.map((a) => [a.key, a.kind === 'categorical' ? (row.values[a.key] ?? a.missing ?? null) : row.values[a.key]]));
}

function strokeExpr(colourings: readonly Colouring[]): string {
  const value = (c: Colouring) => (c.key === 'rank' ? 'datum.rank' : `datum.v.${c.key}`);
  return colourings.reduceRight(
    (otherwise, c) => `colorBy === '${c.key}' ? (isValid(${value(c)}) ? scale('colour_${c.key}', ${value(c)}) : '${NO_VALUE}') : ${otherwise}`,
    `'${NO_VALUE}'`,
  );
}

function candidateMarks(inside: string, colourings: readonly Colouring[]): Mark[] {
  const series = (name: string, line: Mark): Mark => ({
    type: 'group',
    name,
    from: { facet: { data: 'points', name: `${name}-series`, groupby: ['order', 'id'] } },
    sort: { field: 'datum.order' },
    marks: [{ ...line, from: { data: `${name}-series` } } as Mark],
  });
  const xy = { x: { scale: 'ord', field: 'axis' }, y: { scale: 'y', field: 'y' } };
  return [
    series('candidate-lines', {
      type: 'line',
      name: 'candidate-line',
      interactive: false,
      sort: { field: 'datum.slot' },
      encode: {
        update: {
          ...xy,
          strokeWidth: { value: 1.6 },
          stroke: { signal: `${inside} ? (${strokeExpr(colourings)}) : '${OUTSIDE}'` },
          strokeOpacity: { signal: `${inside} ? (hover === null || hover === datum.id ? 0.92 : 0.35) : 0.45` },
        },
      },
    } as Mark),
    // A wide invisible twin of each line, easy to hover: it sets `hover`, and the page shows
    // that candidate's tooltip (vega's own tooltip on a line answers only near its points).
    series('candidate-hits', {
      type: 'line',
      name: 'candidate-hit',
      sort: { field: 'datum.slot' },
      encode: { update: { ...xy, stroke: { value: 'transparent' }, strokeWidth: { value: 9 }, cursor: { value: 'pointer' } } },
    } as Mark),
    {
      type: 'line',
      name: 'hover-line',
      from: { data: 'hovered' },
      interactive: false,
      sort: { field: 'datum.slot' },
      encode: { update: { ...xy, stroke: { signal: strokeExpr(colourings) }, strokeWidth: { value: 4 }, strokeOpacity: { value: 1 } } },
    } as Mark,
  ];
}

function axisMarks(): Mark[] {
  const x = { scale: 'ord', field: 'key' };
  // Titles on two alternating rows when the axes are close together.
  const titleY = `-12 - (spacing < ${STAGGER_BELOW} && datum.slot % 2 === 1 ? 16 : 0)`;
  return [
    { type: 'rule', name: 'axis-domain', from: { data: 'axes' }, interactive: false, encode: { update: { x, y: { value: 0 }, y2: { signal: 'height' }, stroke: { value: '#555' } } } },
    {
      type: 'rule', name: 'axis-tick', from: { data: 'ticks' }, interactive: false,
      encode: { update: { x, dx: { value: 0 }, x2: { signal: "scale('ord', datum.key) + 5" }, y: { signal: '(1 - datum.position) * height' }, stroke: { value: '#555' } } },
    },
    {
      type: 'text', name: 'axis-label', from: { data: 'ticks' }, interactive: false,
      encode: {
        update: {
          x, dx: { value: 7 }, y: { signal: '(1 - datum.position) * height' }, text: { field: 'text' }, baseline: { value: 'middle' },
          fontSize: { value: 11 }, fill: { value: '#222' }, limit: { signal: 'max(40, spacing - 14)' },
        },
      },
    },
    {
      type: 'text', name: 'axis-title', from: { data: 'axes' },
      encode: {
        update: {
          x, y: { signal: titleY }, text: { field: 'title' }, align: { value: 'center' }, baseline: { value: 'bottom' },
          fontWeight: { value: 'bold' }, fontSize: { value: 11.5 }, fill: { value: '#1b1b1b' }, cursor: { value: 'grab' },
          limit: { signal: `spacing < ${STAGGER_BELOW} ? 2 * spacing - 12 : spacing - 10` },
          tooltip: { signal: "datum.title + ' — drag sideways to move this axis'" },
        },
      },
    },
    {
      type: 'text', name: 'axis-scale', from: { data: 'switchable' },
      encode: {
        update: {
          x, y: { signal: 'height + 20' }, align: { value: 'center' }, fontSize: { value: 11 }, fill: { value: '#2c5d8f' }, cursor: { value: 'pointer' },
          text: { signal: `${scaleWordExpr('axisScale[datum.key]')} + ' ⇄'` },
          tooltip: { signal: `'scale: ' + ${scaleWordExpr('axisScale[datum.key]')} + (axisScale[datum.key] === datum.kinds[0] ? ' (' + datum.why + ')' : '') + '; click to switch'` },
        },
      },
    },
  ];
}

function scaleWordExpr(kind: string): string {
  return `(${kind} === 'log' ? '${SCALE_WORD.log}' : ${kind} === 'quantile' ? '${SCALE_WORD.quantile}' : ${kind} === 'categorical' ? '${SCALE_WORD.categorical}' : '${SCALE_WORD.linear}')`;
}

/** A click on an axis' switch moves it to its next scale; the other axes keep theirs. */
function nextScaleExpr(axes: readonly ParallelAxis[]): string {
  const entries = axes.map((a) => {
    const cycle = a.kinds.reduceRight((otherwise, kind, i) => `axisScale.${a.key} === '${kind}' ? '${a.kinds[(i + 1) % a.kinds.length]}' : ${otherwise}`, `'${a.kinds[0]}'`);
    return `${a.key}: datum.key === '${a.key}' ? (${cycle}) : axisScale.${a.key}`;
  });
  return `{${entries.join(', ')}}`;
}

function colourScale(c: Colouring): Scale {
  if (c.type === 'categorical') return { name: `colour_${c.key}`, type: 'ordinal', domain: c.domain as string[], range: { scheme: c.domain.length <= 10 ? 'tableau10' : 'tableau20' } };
  const [low, high] = c.domain as number[];
  const domain = high > low ? [low, high] : [low - 0.5, high + 0.5];
  return {
    name: `colour_${c.key}`, type: c.scale as 'linear' | 'log', domain: c.key === 'rank' ? [low, high] : domain,
    range: { scheme: 'viridis' }, zero: false, nice: false, clamp: true,
  } as Scale;
}

function colourLegend(c: Colouring): Legend {
  const shown = `colorBy === '${c.key}' ? 1 : 0`;
  return {
    ...(c.type === 'categorical' ? { stroke: `colour_${c.key}`, symbolType: 'stroke', symbolStrokeWidth: 3 } : { fill: `colour_${c.key}`, type: 'gradient', gradientLength: PARALLEL_HEIGHT - 60 }),
    title: c.title,
    orient: 'none',
    legendX: { signal: 'width + 34' },
    legendY: 0,
    labelLimit: LEGEND_SPACE - 60,
    titleLimit: LEGEND_SPACE - 30,
    // Every legend sits in one place; only the active colouring's is visible. The SVG renderer
    // draws no group opacity and legend labels use `opacity` to drop overlapping ones, so
    // each part is faded through its fill and stroke opacity.
    encode: Object.fromEntries(['title', 'labels', 'symbols', 'gradient'].map((part) => [part, { update: { fillOpacity: { signal: shown }, strokeOpacity: { signal: shown } } }])),
  } as Legend;
}
