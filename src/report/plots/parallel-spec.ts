/**
 * Parallel coordinates in hand-written Vega (after vega's `parallel-coordinates` example),
 * because vega-lite has one y scale per view and one brush per selection: here each axis
 * has its own scale (linear, log or point), its own interval brush (drag on the axis;
 * a click clears it), and the brushes combine — a line stays coloured only when it lies
 * inside every brush. The candidates inside all brushes form the `selected` data set that
 * the page's ranked table listens to.
 */
import type { Axis, Mark, Scale, Signal, Spec } from 'vega';
import type { ParallelAxis, ParallelData } from './parallel-data.js';

export const PARALLEL_HEIGHT = 300;
export const PARALLEL_AXIS_SPACING = 150;
/** Name of the vega data set holding the candidates inside every brush. */
export const SELECTED_DATA = 'selected';

/** The vega expression that is true for a datum inside every brush (tested in data and in encoders). */
export function insideBrushesExpr(axes: readonly ParallelAxis[]): string {
  return axes.map((a) => `(!range_${a.key} || isValid(datum.${a.key}) && inrange(datum.${a.key}, range_${a.key}))`).join(' && ');
}

export function parallelSpec(data: ParallelData): Spec {
  const { axes } = data;
  const keys = axes.map((a) => a.key);
  const inside = insideBrushesExpr(axes);
  const candidates = data.rows.map((row) => ({ id: row.id, label: row.label, score: finiteOrNull(row.score), tip: row.tooltip, ...row.positions }));
  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    description: 'Parallel coordinates of the candidates: one line each, coloured by mean test score.',
    width: Math.max(480, (axes.length - 1) * PARALLEL_AXIS_SPACING),
    height: PARALLEL_HEIGHT,
    padding: { top: 30, left: 10, right: 10, bottom: 5 },
    autosize: { type: 'pad' },
    data: [
      { name: 'candidates', values: candidates },
      { name: SELECTED_DATA, source: 'candidates', transform: [{ type: 'filter', expr: inside }] },
      {
        name: 'points',
        source: 'candidates',
        transform: [
          { type: 'fold', fields: keys, as: ['axis', 'y'] },
          { type: 'formula', as: 'order', expr: 'toNumber(slice(datum.axis, 1))' },
        ],
      },
    ],
    signals: axes.flatMap((axis) => brushSignals(axis.key)),
    scales: [
      { name: 'ord', type: 'point', domain: keys, range: 'width' },
      { name: 'y', type: 'linear', domain: [0, 1], range: 'height', zero: false, nice: false },
      { name: 'color', type: 'linear', domain: spread(data.scoreDomain), range: { scheme: 'viridis' }, zero: false, nice: false },
      ...axes.map(axisScale),
    ],
    axes: axes.map(axisGuide),
    legends: [{ fill: 'color', type: 'gradient', title: `mean_test_${data.metric}`, orient: 'right', gradientLength: PARALLEL_HEIGHT - 40 }],
    marks: [lines(inside), ...axes.flatMap((axis) => brushMarks(axis.key))],
  };
}

function lines(inside: string): Mark {
  return {
    type: 'group',
    name: 'candidate-lines',
    from: { facet: { data: 'points', name: 'series', groupby: 'id' } },
    marks: [
      {
        type: 'line',
        name: 'candidate-line',
        from: { data: 'series' },
        sort: { field: 'datum.order' },
        encode: {
          enter: { x: { scale: 'ord', field: 'axis' }, y: { scale: 'y', field: 'y' }, strokeWidth: { value: 1.6 } },
          update: {
            defined: { signal: 'isValid(datum.y)' },
            stroke: { signal: `${inside} ? (isValid(datum.score) ? scale('color', datum.score) : '#9e9e9e') : '#d9d9d9'` },
            strokeOpacity: { signal: `${inside} ? 0.9 : 0.4` },
            tooltip: { signal: 'datum.tip' },
          },
        },
      },
    ],
  };
}

/** `brush_<key>`: the dragged pixel interval; `range_<key>`: the same as positions in [0, 1], null when empty. */
function brushSignals(key: string): Signal[] {
  const brush = `brush_${key}`;
  return [
    {
      name: brush,
      value: null,
      on: [
        { events: `@hit_${key}:mousedown`, update: '[clamp(y(), 0, height), clamp(y(), 0, height)]' },
        { events: `[@hit_${key}:mousedown, window:mouseup] > window:mousemove`, update: `[${brush}[0], clamp(y(), 0, height)]` },
      ],
    },
    {
      name: `range_${key}`,
      update:
        `${brush} && abs(${brush}[1] - ${brush}[0]) > 2 ` +
        `? [${snap(`1 - max(${brush}[0], ${brush}[1]) / height`)}, ${snap(`1 - min(${brush}[0], ${brush}[1]) / height`)}] : null`,
    },
  ];
}

/** A brush end within SNAP_PIXELS of an axis end snaps to it, so the extreme candidates are easy to include. */
export const SNAP_PIXELS = 4;

function snap(position: string): string {
  return `(${position} < ${SNAP_PIXELS} / height ? 0 : ${position} > 1 - ${SNAP_PIXELS} / height ? 1 : ${position})`;
}

function brushMarks(key: string): Mark[] {
  const x = `scale('ord', '${key}')`;
  return [
    {
      type: 'rect',
      name: `brush-${key}`,
      interactive: false,
      encode: {
        enter: { fill: { value: '#4c78a8' }, stroke: { value: '#1f3f66' } },
        update: {
          x: { signal: `${x} - 9` },
          width: { value: 18 },
          y: { signal: `range_${key} ? (1 - range_${key}[1]) * height : 0` },
          y2: { signal: `range_${key} ? (1 - range_${key}[0]) * height : 0` },
          fillOpacity: { signal: `range_${key} ? 0.3 : 0` },
          strokeOpacity: { signal: `range_${key} ? 0.9 : 0` },
        },
      },
    },
    {
      type: 'rect',
      name: `hit_${key}`,
      encode: {
        enter: { fill: { value: 'transparent' }, cursor: { value: 'ns-resize' } },
        // A little taller than the axis, so a drag may start beyond either end.
        update: { x: { signal: `${x} - 14` }, width: { value: 28 }, y: { value: -8 }, y2: { signal: 'height + 8' } },
      },
    },
  ];
}

function axisScale(axis: ParallelAxis): Scale {
  if (axis.kind === 'categorical') {
    // An explicit [height, 0]: vega's 'height' range runs top-down for discrete scales.
    return { name: axis.key, type: 'point', domain: axis.domain as string[], range: [{ signal: 'height' }, 0], padding: 0.5 };
  }
  return { name: axis.key, type: axis.kind, domain: axis.domain as number[], range: 'height', zero: false, nice: false };
}

function axisGuide(axis: ParallelAxis): Axis {
  return {
    orient: 'left',
    scale: axis.key,
    zindex: 1,
    offset: { scale: 'ord', value: axis.key, mult: -1 },
    title: axis.title,
    titleAngle: 0,
    titleX: 0,
    titleY: -10,
    titleAlign: 'center',
    titleBaseline: 'bottom',
    titleLimit: PARALLEL_AXIS_SPACING - 10,
    labelLimit: 110,
    ...(axis.kind === 'log' ? { format: '~g', values: powersOfTen(axis.domain as number[]) } : {}),
    ...(axis.kind === 'linear' ? { tickCount: 6 } : {}),
  };
}

/** Ticks of a log axis: the powers of ten inside its domain, with the ends when there are fewer than two. */
export function powersOfTen([min, max]: number[]): number[] {
  const ticks: number[] = [];
  for (let e = Math.ceil(Math.log10(min) - 1e-9); e <= Math.floor(Math.log10(max) + 1e-9); e++) ticks.push(Number(`1e${e}`));
  return ticks.length >= 2 ? ticks : [min, ...ticks.filter((t) => t !== min && t !== max), max];
}

function spread([min, max]: [number, number]): [number, number] {
  return max > min ? [min, max] : [min - 0.5, max + 0.5];
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
