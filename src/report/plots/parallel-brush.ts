/**
 * The parallel-coordinates brushes: one interval per axis, dragged on the axis, cleared by a
 * click or by switching the axis' scale. Brushes hold pixels; `range_<key>` holds the same
 * interval as positions in [0, 1], which is what the lines' positions are tested against.
 */
import type { Mark, Signal } from 'vega';
import type { ParallelAxis } from './parallel-data.js';

/** A brush end within SNAP_PIXELS of an axis end snaps to it, so the extreme candidates are easy to include. */
export const SNAP_PIXELS = 4;

/** The vega expression that is true for a datum inside every brush (tested in data and in encoders). */
export function insideBrushesExpr(axes: readonly ParallelAxis[]): string {
  return axes.map((a) => `(!range_${a.key} || inrange(datum.${a.key}[axisScale.${a.key}], range_${a.key}))`).join(' && ');
}

/** `brush_<key>`: the dragged pixel interval; `range_<key>`: the same as positions in [0, 1], null when empty. */
export function brushSignals(key: string): Signal[] {
  const brush = `brush_${key}`;
  return [
    {
      name: brush,
      value: null,
      on: [
        { events: `@hit_${key}:mousedown`, update: '[clamp(y(), 0, height), clamp(y(), 0, height)]' },
        { events: `[@hit_${key}:mousedown, window:mouseup] > window:mousemove`, update: `[${brush}[0], clamp(y(), 0, height)]` },
        // Positions mean another thing on another scale: switching this axis clears its brush.
        { events: '@axis-scale:click', update: `datum.key === '${key}' ? null : ${brush}` },
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

function snap(position: string): string {
  return `(${position} < ${SNAP_PIXELS} / height ? 0 : ${position} > 1 - ${SNAP_PIXELS} / height ? 1 : ${position})`;
}

export function brushMarks(key: string): Mark[] {
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
        update: { x: { signal: `${x} - 12` }, width: { value: 24 }, y: { value: -6 }, y2: { signal: 'height + 6' } },
      },
    },
  ];
}
