import { initBackend, tf } from '../../src/backend/index.js';

/** A tiny, deterministic 3-class problem: 60 samples, 4 features. */
export function tinyClassification(): { X: Float32Array; y: Int32Array; shape: [number, number] } {
  const n = 60;
  const X = new Float32Array(n * 4);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = i % 3;
    y[i] = label;
    for (let j = 0; j < 4; j++) X[i * 4 + j] = Math.sin(i * 1.7 + j * 0.9) * 0.5 + (j === label ? 1.5 : 0);
  }
  return { X, y, shape: [n, 4] };
}

export function tinyRegression(): { X: Float32Array; y: Float32Array } {
  const n = 40;
  const X = new Float32Array(n * 2);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const a = Math.cos(i * 0.37);
    const b = Math.sin(i * 0.91);
    X[i * 2] = a;
    X[i * 2 + 1] = b;
    y[i] = 2 * a - b + 0.5;
  }
  return { X, y };
}

/** n images of side×side×1 whose class is the brightest quadrant's (0..3). */
export function tinyImages(n: number, side: number): { X: { data: Float32Array; shape: number[] }; y: Int32Array } {
  const data = new Float32Array(n * side * side);
  const y = new Int32Array(n);
  const half = side / 2;
  for (let i = 0; i < n; i++) {
    y[i] = i % 4;
    for (let r = 0; r < side; r++) {
      for (let c = 0; c < side; c++) {
        const quadrant = (r < half ? 0 : 2) + (c < half ? 0 : 1);
        data[(i * side + r) * side + c] = (quadrant === y[i] ? 0.8 : 0.1) + 0.1 * Math.sin(i * 3.1 + r * 1.3 + c * 0.7);
      }
    }
  }
  return { X: { data, shape: [n, side, side, 1] }, y };
}

export async function backend(): Promise<void> {
  await initBackend(process.env.GRIDFOLD_BACKEND ?? 'wasm');
}

export function numTensors(): number {
  return tf.memory().numTensors;
}

/** The largest |a − b| over two tables of numbers; Infinity when their shapes differ. */
export function maxDifference(a: number[][], b: number[][]): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let max = 0;
  a.forEach((row, i) => {
    if (row.length !== b[i].length) max = Number.POSITIVE_INFINITY;
    row.forEach((v, j) => (max = Math.max(max, Math.abs(v - b[i][j]))));
  });
  return max;
}
