/**
 * gridfold's gradient kernels for wasm (src/backend/kernels/conv-gradients.ts,
 * segment-sum.ts) against the same kernels on tfjs' cpu backend — and, where wasm has a
 * kernel of its own that gridfold replaces (Conv2DBackpropInput, MaxPoolGrad), against
 * that one too — at the shapes of seed 000's DemoNetwork (batch 8: the cpu kernels are
 * slow JavaScript loops), an embedding's gradient, and a depthwise layer. Each time is CPU
 * time, the wasm ones the median of several runs after a warm-up, the cpu backend's of
 * fewer; the variants of a kernel alternate, one run each in turn.
 *   node --import tsx bench/conv-kernels.ts [--reps 5]
 */
import { initBackend, tf } from '../src/backend/index.js';
import { replacedWasmKernel } from '../src/backend/kernels/index.js';
import { median, option } from './lib/util.js';

const reps = Number(option('reps', '5'));
const BATCH = 8;

interface KernelCase {
  label: string;
  kernel: string;
  inputs: Record<string, { shape: number[]; dtype?: 'float32' | 'int32'; max?: number }>;
  attrs: Record<string, unknown>;
  /** Multiply-adds, for a GFLOP/s figure. */
  macs?: number;
}

// DemoNetwork's second conv (x [8, 14, 14, 16] → [8, 12, 12, 32], 3×3 valid), its padded
// pool (2, 2, pad 1 on [8, 12, 12, 32]), and its first conv (3×3 same on one channel).
const CASES: KernelCase[] = [
  {
    label: 'Conv2DBackpropFilter, conv 32@3×3 on [8, 14, 14, 16]', kernel: 'Conv2DBackpropFilter',
    inputs: { x: { shape: [BATCH, 14, 14, 16] }, dy: { shape: [BATCH, 12, 12, 32] } },
    attrs: { strides: 1, pad: 'valid', dataFormat: 'NHWC', filterShape: [3, 3, 16, 32] }, macs: BATCH * 144 * 144 * 32,
  },
  {
    label: 'Conv2DBackpropFilter, conv 16@3×3 same on [8, 28, 28, 1]', kernel: 'Conv2DBackpropFilter',
    inputs: { x: { shape: [BATCH, 28, 28, 1] }, dy: { shape: [BATCH, 28, 28, 16] } },
    attrs: { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 1, 16] }, macs: BATCH * 784 * 9 * 16,
  },
  {
    label: 'Conv2DBackpropInput, conv 32@3×3 on [8, 14, 14, 16]', kernel: 'Conv2DBackpropInput',
    inputs: { dy: { shape: [BATCH, 12, 12, 32] }, filter: { shape: [3, 3, 16, 32] } },
    attrs: { strides: 1, pad: 'valid', dataFormat: 'NHWC', inputShape: [BATCH, 14, 14, 16] }, macs: BATCH * 144 * 144 * 32,
  },
  {
    label: 'MaxPoolGrad, pool 2 stride 2 pad 1 on [8, 12, 12, 32]', kernel: 'MaxPoolGrad',
    inputs: { dy: { shape: [BATCH, 7, 7, 32] }, input: { shape: [BATCH, 12, 12, 32] }, output: { shape: [BATCH, 7, 7, 32] } },
    attrs: { filterSize: 2, strides: 2, pad: 1 },
  },
  {
    label: 'DepthwiseConv2dNativeBackpropFilter, 3×3 on [8, 14, 14, 16]', kernel: 'DepthwiseConv2dNativeBackpropFilter',
    inputs: { x: { shape: [BATCH, 14, 14, 16] }, dy: { shape: [BATCH, 14, 14, 16] } },
    attrs: { strides: 1, pad: 'same', dilations: 1, filterShape: [3, 3, 16, 1] }, macs: BATCH * 196 * 9 * 16,
  },
  {
    label: 'DepthwiseConv2dNativeBackpropInput, 3×3 on [8, 14, 14, 16]', kernel: 'DepthwiseConv2dNativeBackpropInput',
    inputs: { dy: { shape: [BATCH, 14, 14, 16] }, filter: { shape: [3, 3, 16, 1] } },
    attrs: { strides: 1, pad: 'same', dilations: 1, inputShape: [BATCH, 14, 14, 16] }, macs: BATCH * 196 * 9 * 16,
  },
  {
    label: 'UnsortedSegmentSum, embedding gradient: 8 × 20 ids of 1000, width 32', kernel: 'UnsortedSegmentSum',
    inputs: { x: { shape: [BATCH * 20, 32] }, segmentIds: { shape: [BATCH * 20], dtype: 'int32', max: 1000 } },
    attrs: { numSegments: 1000 },
  },
];

function makeInputs(c: KernelCase): tf.NamedTensorMap {
  return Object.fromEntries(Object.entries(c.inputs).map(([name, spec], i) => {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const values = spec.dtype === 'int32'
      ? Int32Array.from({ length: size }, (_, j) => (j * 7919 + i) % (spec.max ?? 1))
      : Float32Array.from({ length: size }, (_, j) => Math.sin(j * 0.731 + i));
    return [name, tf.tensor(values, spec.shape, spec.dtype ?? 'float32')];
  }));
}

/** Milliseconds of this process's CPU time (user + system). */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * CPU milliseconds of one run: the registered kernel through the engine, or a config's
 * kernelFunc directly. CPU time, not wall time: every kernel here runs on the calling
 * thread, and on a machine shared with other work the wall clock also counts the waits.
 */
function timeOnce(c: KernelCase, inputs: tf.NamedTensorMap, config?: NonNullable<ReturnType<typeof tf.getKernel>>): number {
  const started = cpuMs();
  if (config) {
    const out = config.kernelFunc({ inputs, backend: tf.backend(), attrs: c.attrs as tf.NamedAttrMap }) as tf.TensorInfo;
    tf.backend().disposeData(out.dataId);
  } else {
    const out = tf.engine().runKernel(c.kernel, inputs, c.attrs as tf.NamedAttrMap) as tf.Tensor;
    out.dataSync();
    out.dispose();
  }
  return cpuMs() - started;
}

interface Row {
  label: string;
  gridfoldMs: number;
  wasmOwnMs?: number;
  cpuMs: number;
  speedup: number;
  speedupOverWasmOwn?: number;
  gflops?: number;
}

const rows: Row[] = [];
for (const c of CASES) {
  const times: Record<'gridfold' | 'own' | 'cpu', number[]> = { gridfold: [], own: [], cpu: [] };
  const own = replacedWasmKernel(c.kernel);
  await initBackend('wasm');
  own?.setupFunc?.(tf.backend());
  for (let rep = 0; rep < reps; rep++) {
    await initBackend('wasm');
    const wasmInputs = makeInputs(c);
    if (rep === 0) timeOnce(c, wasmInputs);
    times.gridfold.push(timeOnce(c, wasmInputs));
    if (own) times.own.push(timeOnce(c, wasmInputs, own));
    tf.dispose(Object.values(wasmInputs));
    // The cpu kernels take seconds at these shapes: every other repetition.
    if (rep % 2 === 0) {
      await initBackend('cpu');
      const cpuInputs = makeInputs(c);
      times.cpu.push(timeOnce(c, cpuInputs));
      tf.dispose(Object.values(cpuInputs));
    }
  }
  const gridfoldMs = median(times.gridfold);
  const cpuMs = median(times.cpu);
  const row: Row = { label: c.label, gridfoldMs, cpuMs, speedup: cpuMs / gridfoldMs };
  if (own) Object.assign(row, { wasmOwnMs: median(times.own), speedupOverWasmOwn: median(times.own) / gridfoldMs });
  if (c.macs) row.gflops = (2 * c.macs) / (gridfoldMs / 1000) / 1e9;
  rows.push(row);
  process.stderr.write(`  ${c.label}: gridfold ${gridfoldMs.toFixed(2)} ms, ${own ? `wasm's own ${row.wasmOwnMs!.toFixed(2)} ms, ` : ''}cpu ${cpuMs.toFixed(1)} ms → ${row.speedup.toFixed(0)}× the cpu backend\n`);
}
await initBackend('wasm');
process.stdout.write(`${JSON.stringify({ bench: 'conv-kernels', reps, batch: BATCH, rows })}\n`);
