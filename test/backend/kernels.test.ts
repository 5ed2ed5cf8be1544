import test from 'ava';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { initBackend, tf } from '../../src/backend/index.js';
import { InvalidParameterError, messages } from '../../src/core/index.js';
import { KERNEL_SOURCES_SHA256, GEMM_RELAXED_WASM_BASE64, GEMM_WASM_BASE64 } from '../../src/backend/kernels/gemm-wasm.js';
import { gridfoldMatMulAvailable, matMul, type MatMulOptions } from '../../src/backend/kernels/matmul.js';
import { KERNEL_EXPORTS, gemmBuild, setGemmBuild } from '../../src/backend/kernels/gemm-builds.js';
import { checkedModule } from '../../src/backend/kernels/wasm-module.js';
import { random } from './helpers.js';

function data(shape: number[], seed: number): Float32Array {
  const next = random(seed);
  return Float32Array.from({ length: shape.reduce((p, d) => p * d, 1) }, () => next() * 2 - 1);
}

interface Operand {
  values: Float32Array;
  shape: number[];
}

/**
 * op(A)·op(B) (+ bias) (relu) in float64 from the float32 inputs, with the scale each
 * element's rounding error is measured against: Σ_k |a·b| + |bias| (the error bound of a
 * float32 dot product is proportional to it, not to the result, which may cancel to ~0).
 */
function reference(a: Operand, b: Operand, options: { transposeA?: boolean; transposeB?: boolean; bias?: Operand; activation?: string }) {
  const batchOf = (x: Operand) => (x.shape.length === 3 ? x.shape[0] : 1);
  const [ar, ac] = a.shape.slice(-2);
  const [br, bc] = b.shape.slice(-2);
  const m = options.transposeA ? ac : ar;
  const k = options.transposeA ? ar : ac;
  const n = options.transposeB ? br : bc;
  const batch = Math.max(batchOf(a), batchOf(b));
  const out = new Float64Array(batch * m * n);
  const scale = new Float64Array(batch * m * n);
  for (let f = 0; f < batch; f++) {
    const aBase = batchOf(a) === 1 ? 0 : f * m * k;
    const bBase = batchOf(b) === 1 ? 0 : f * k * n;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        let size = 0;
        if (options.bias) {
          const bias = options.bias.values[(options.bias.shape.length === 2 && batch > 1 ? f * n : 0) + j];
          sum = bias;
          size = Math.abs(bias);
        }
        for (let p = 0; p < k; p++) {
          const av = a.values[aBase + (options.transposeA ? p * m + i : i * k + p)];
          const bv = b.values[bBase + (options.transposeB ? j * k + p : p * n + j)];
          sum += av * bv;
          size += Math.abs(av * bv);
        }
        out[(f * m + i) * n + j] = options.activation === 'relu' ? Math.max(0, sum) : sum;
        scale[(f * m + i) * n + j] = size;
      }
    }
  }
  return { out, scale, shape: a.shape.length === 3 || b.shape.length === 3 ? [batch, m, n] : [m, n] };
}

const TOLERANCE = 1e-5;

/** The largest |got − want| / (Σ|a·b| + |bias|), or Infinity on a shape mismatch. */
function worstError(got: tf.Tensor, want: ReturnType<typeof reference>): number {
  if (JSON.stringify(got.shape) !== JSON.stringify(want.shape)) return Infinity;
  const values = got.dataSync();
  let worst = 0;
  for (let i = 0; i < values.length; i++) {
    const error = Math.abs(values[i] - want.out[i]) / Math.max(want.scale[i], 1e-30);
    if (!(error <= worst)) worst = error; // NaN makes worst NaN, which fails the check
  }
  return worst;
}

/** [m, k, n] triples: unit, not multiples of 4 / 8 / 16, k beyond one k block (256), m beyond one row block (128). */
const SIZES: Array<[number, number, number]> = [[1, 1, 1], [5, 7, 3], [64, 784, 33], [130, 300, 17]];

function stored(m: number, k: number, n: number, transposeA: boolean, transposeB: boolean) {
  return { aShape: transposeA ? [k, m] : [m, k], bShape: transposeB ? [n, k] : [k, n] };
}

/** Runs every transpose case × batch 1 (rank 2) and 3 × bias none / [n] / [batch, n] × linear / relu. */
function checkAllCases(t: import('ava').ExecutionContext, sizes: Array<[number, number, number]>): number {
  let cases = 0;
  let seed = 1;
  for (const [m, k, n] of sizes) {
    for (const transposeA of [false, true]) {
      for (const transposeB of [false, true]) {
        for (const batch of [1, 3]) {
          const { aShape, bShape } = stored(m, k, n, transposeA, transposeB);
          const a = { values: data([batch, ...aShape], seed++), shape: batch === 1 ? aShape : [batch, ...aShape] };
          const b = { values: data([batch, ...bShape], seed++), shape: batch === 1 ? bShape : [batch, ...bShape] };
          const biases = [undefined, { values: data([n], seed++), shape: [n] }, { values: data([batch, n], seed++), shape: [batch, n] }];
          for (const bias of biases) {
            for (const activation of ['linear', 'relu'] as const) {
              const want = reference(a, b, { transposeA, transposeB, bias, activation });
              const inputs = [a, b, ...(bias ? [bias] : [])].map((x) => tf.tensor(x.values, x.shape));
              const got = matMul(inputs[0], inputs[1], { transposeA, transposeB, activation, bias: inputs[2] });
              const error = worstError(got, want);
              const label = `${m}×${k}×${n} transposeA ${transposeA} transposeB ${transposeB} batch ${batch} bias ${bias ? JSON.stringify(bias.shape) : 'none'} ${activation}`;
              t.true(error <= TOLERANCE, `${label}: relative error ${error}`);
              const unchanged = inputs.every((x, i) => x.dataSync().every((v, j) => v === [a, b, bias][i]!.values[j]));
              t.true(unchanged, `${label}: an input was modified`);
              tf.dispose([got, ...inputs]);
              cases++;
            }
          }
        }
      }
    }
  }
  return cases;
}

test.serial('the kernel loads on the wasm backend and the product runs as GridfoldMatMul', async (t) => {
  await initBackend('wasm');
  t.true(gridfoldMatMulAvailable());
  const a = tf.ones([2, 3]);
  const b = tf.ones([3, 4]);
  const profile = await tf.profile(() => matMul(a, b, { transposeB: false }));
  t.deepEqual(profile.kernelNames, ['GridfoldMatMul']);
  tf.dispose([a, b]);
});

for (const build of ['relaxed-simd', 'simd128'] as const) {
  test.serial(`wasm, ${build} build: every transpose case, batch 1 and 3, bias and relu match a float64 reference within 1e-5`, async (t) => {
    await initBackend('wasm');
    setGemmBuild(build);
    try {
      t.is(gemmBuild(), build);
      const before = tf.memory().numTensors;
      const cases = checkAllCases(t, SIZES);
      t.is(cases, SIZES.length * 4 * 2 * 6); // 4 sizes × 4 transpose cases × 2 batches × 3 biases × 2 activations
      t.is(tf.memory().numTensors, before);
    } finally {
      setGemmBuild('auto');
    }
  });
}

test.serial('wasm: auto picks the fused build on this Node; the two builds round differently, so both really ran', async (t) => {
  await initBackend('wasm');
  t.is(gemmBuild(), 'relaxed-simd', 'Node 20 runs relaxed SIMD once the flag is set, Node 22+ without it');
  const a = tf.tensor(data([64, 784], 301), [64, 784]);
  const b = tf.tensor(data([784, 40], 302), [784, 40]);
  const products = (['relaxed-simd', 'simd128'] as const).map((build) => {
    setGemmBuild(build);
    const c = matMul(a, b);
    const values = c.dataSync().slice();
    c.dispose();
    return values;
  });
  setGemmBuild('auto');
  const differing = products[0].filter((v, i) => v !== products[1][i]).length;
  // V8 fuses relaxed_madd only on CPUs with FMA3; without it both builds compute mul then add.
  const cpuHasFma = !existsSync('/proc/cpuinfo') || /^flags\s*:.*\bfma\b/m.test(readFileSync('/proc/cpuinfo', 'utf8'));
  if (cpuHasFma) t.true(differing > products[0].length / 10, `${differing} of ${products[0].length} elements differ`);
  else t.is(differing, 0);
  tf.dispose([a, b]);
});

test.serial('a kernel build other than auto, relaxed-simd or simd128 is refused, naming the choices', (t) => {
  t.throws(() => setGemmBuild('fma'), {
    instanceOf: InvalidParameterError,
    message: `build must be one of auto, relaxed-simd or simd128 (the build of gridfold's wasm matmul kernel); got "fma".`,
  });
  t.is(gemmBuild(), 'relaxed-simd');
});

test.serial('wasm: k = 0 gives the bias (then relu); an operand of batch 1 or rank 2 serves every matrix', async (t) => {
  await initBackend('wasm');
  const before = tf.memory().numTensors;
  tf.tidy(() => {
    const bias = tf.tensor([[1, -2, 3], [-4, 5, -6]]);
    const empty = matMul(tf.zeros([2, 4, 0]), tf.zeros([0, 3]), { bias, activation: 'relu' });
    t.deepEqual(empty.shape, [2, 4, 3]);
    t.deepEqual(Array.from(empty.dataSync().slice(0, 3)), [1, 0, 3]);
    t.deepEqual(Array.from(empty.dataSync().slice(12, 15)), [0, 5, 0]);
    t.deepEqual(matMul(tf.zeros([0, 5]), tf.zeros([5, 2])).shape, [0, 2]);

    const a = { values: data([3, 6, 9], 101), shape: [3, 6, 9] };
    const shared = { values: data([9, 5], 102), shape: [9, 5] };
    const shared3 = { values: shared.values, shape: [1, 9, 5] };
    for (const b of [shared, shared3]) {
      const got = matMul(tf.tensor(a.values, a.shape), tf.tensor(b.values, b.shape));
      t.true(worstError(got, reference(a, b, {})) <= TOLERANCE);
    }
    const left = { values: data([6, 9], 103), shape: [6, 9] };
    const right = { values: data([3, 5, 9], 104), shape: [3, 5, 9] };
    const got = matMul(tf.tensor(left.values, left.shape), tf.tensor(right.values, right.shape), { transposeB: true });
    t.true(worstError(got, reference(left, right, { transposeB: true })) <= TOLERANCE);
  });
  t.is(tf.memory().numTensors, before);
});

test.serial('wasm: results stay right when the wasm memory grows between calls and inside a call', async (t) => {
  await initBackend('wasm');
  const memory = (tf.backend() as unknown as { wasm: { asm: { memory: WebAssembly.Memory } } }).wasm.asm.memory;
  const a = { values: data([64, 784], 201), shape: [64, 784] };
  const b = { values: data([784, 40], 202), shape: [784, 40] };
  const want = reference(a, b, { transposeB: false });
  const ta = tf.tensor(a.values, a.shape);
  const tb = tf.tensor(b.values, b.shape);
  const first = matMul(ta, tb);
  t.true(worstError(first, want) <= TOLERANCE);

  // Between calls: a tensor bigger than everything allocated so far.
  const bytesBefore = memory.buffer.byteLength;
  const big = tf.fill([bytesBefore / 4 + (16 << 20)], 1.5);
  t.true(memory.buffer.byteLength > bytesBefore, 'the big tensor grew the memory');
  const second = matMul(ta, tb);
  t.true(worstError(second, want) <= TOLERANCE);
  t.true(worstError(first, want) <= TOLERANCE, 'an output written before the growth reads back unchanged');

  // Inside a call: an outer product whose output alone needs more memory than there is,
  // so makeOutput grows it and the kernel must take its addresses after that.
  const m = 4096;
  const n = Math.ceil((memory.buffer.byteLength + (8 << 20)) / 4 / m);
  const column = { values: data([1, m], 203), shape: [1, m] };
  const row = { values: data([1, n], 204), shape: [1, n] };
  const bias = { values: data([n], 205), shape: [n] };
  const ca = tf.tensor(column.values, column.shape);
  const cb = tf.tensor(row.values, row.shape);
  const cbias = tf.tensor(bias.values, bias.shape);
  const bytesBeforeCall = memory.buffer.byteLength;
  const product = matMul(ca, cb, { transposeA: true, bias: cbias });
  t.true(memory.buffer.byteLength > bytesBeforeCall, 'the output grew the memory');
  t.deepEqual(product.shape, [m, n]);
  const values = product.dataSync();
  let worst = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const ab = column.values[i] * row.values[j];
      const error = Math.abs(values[i * n + j] - (ab + bias.values[j])) / (Math.abs(ab) + Math.abs(bias.values[j]));
      if (!(error <= worst)) worst = error;
    }
  }
  t.true(worst <= TOLERANCE, `outer product: relative error ${worst}`);
  tf.dispose([ta, tb, first, second, big, ca, cb, cbias, product]);
});

test.serial('the sha256 in gemm-wasm.ts is that of gemm.c, conv.c and dense.c (rebuild with node src/backend/kernels/build.mjs)', (t) => {
  const files = ['gemm.c', 'conv.c', 'dense.c'].map((name) => [name, readFileSync(new URL(`../../src/backend/kernels/${name}`, import.meta.url), 'utf8')]);
  const hash = createHash('sha256');
  for (const [name, text] of files) hash.update(`${name}\n${text.replace(/\r\n/g, '\n')}\0`);
  t.is(KERNEL_SOURCES_SHA256, hash.digest('hex'));
});

test.serial('the committed kernel owns no memory; modules with data, globals, their own memory or other imports are refused', (t) => {
  for (const base64 of [GEMM_WASM_BASE64, GEMM_RELAXED_WASM_BASE64]) {
    t.notThrows(() => checkedModule(new Uint8Array(Buffer.from(base64, 'base64')), KERNEL_EXPORTS));
  }

  const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const name = (text: string) => [text.length, ...Buffer.from(text)];
  const section = (id: number, body: number[]) => [id, body.length, ...body];
  const importMemory = (module: string, field: string) => section(2, [1, ...name(module), ...name(field), 0x02, 0x00, 0x01]);
  const module = (...sections: number[][]) => new Uint8Array([...header, ...sections.flat()]);

  const withData = module(importMemory('env', 'memory'), section(11, [1, 0x00, 0x41, 0x00, 0x0b, 1, 0x2a]));
  t.throws(() => checkedModule(withData, KERNEL_EXPORTS), { message: messages.wasmModuleOwnsSections(['data']) });
  const withStackPointer = module(importMemory('env', 'memory'), section(6, [1, 0x7f, 0x01, 0x41, 0x80, 0x88, 0x04, 0x0b]));
  t.throws(() => checkedModule(withStackPointer, KERNEL_EXPORTS), { message: messages.wasmModuleOwnsSections(['global']) });
  const ownMemory = module(section(5, [1, 0x00, 0x01]));
  t.throws(() => checkedModule(ownMemory, KERNEL_EXPORTS), { message: messages.wasmModuleOwnsSections(['memory']) });
  const otherImport = module(importMemory('env', 'heap'));
  t.throws(() => checkedModule(otherImport, KERNEL_EXPORTS), { message: messages.wasmModuleImports(['env.heap (memory)']) });
  const noExports = module(importMemory('env', 'memory'));
  t.throws(() => checkedModule(noExports, KERNEL_EXPORTS), { message: messages.wasmModuleMissingExport('gemm') });
});

test.serial('bad arguments are refused with a message naming the argument, its shape and what is accepted', async (t) => {
  for (const backend of ['wasm', 'cpu'] as const) {
    await initBackend(backend);
    const before = tf.memory().numTensors;
    const z = (...shape: number[]) => tf.zeros(shape);
    const cases: Array<[() => unknown, string]> = [
      [() => matMul(z(3), z(3, 2)), 'matMul: a must have rank 2 [m, k] or rank 3 [batch, m, k]; got shape [3].'],
      [() => matMul(z(2, 3), z(1, 2, 3, 4), { transposeB: true }), 'matMul: b must have rank 2 [n, k] or rank 3 [batch, n, k] (transposeB); got shape [1, 2, 3, 4].'],
      [() => matMul(z(5, 7), z(6, 3)), 'matMul: the inner dimensions differ: a has shape [5, 7], so k = 7, but b has shape [6, 3], so k = 6.'],
      [() => matMul(z(7, 5), z(3, 6), { transposeA: true, transposeB: true }), 'matMul: the inner dimensions differ: a has shape [7, 5], so k = 7 (transposeA), but b has shape [3, 6], so k = 6 (transposeB).'],
      [() => matMul(z(3, 5, 7), z(2, 7, 4)), 'matMul: the batch sizes differ: a has shape [3, 5, 7] and b has shape [2, 7, 4]; they must be equal, or one operand must have batch 1 or rank 2.'],
      [() => matMul(z(3, 5, 7), z(3, 7, 4), { bias: z(5) }), 'matMul: bias must have shape [4] (one per output column) or [3, 4] (one row per matrix); got shape [5].'],
      [() => matMul(z(3, 5, 7), z(3, 7, 4), { bias: z(2, 4) }), 'matMul: bias must have shape [4] (one per output column) or [3, 4] (one row per matrix); got shape [2, 4].'],
      [() => matMul(tf.zeros([5, 7], 'int32'), z(7, 4)), 'matMul: a must be float32; got int32 (shape [5, 7]).'],
      [() => matMul(z(5, 7), [[1]] as unknown as tf.Tensor), 'matMul: b must be a tf.Tensor; got object.'],
      [() => matMul(z(5, 7), z(7, 4), { activation: 'tanh' as MatMulOptions['activation'] }), `matMul: activation must be 'linear' or 'relu'; got "tanh".`],
      [() => matMul(z(5, 7), z(7, 4), { transposeA: 1 as unknown as boolean }), 'matMul: transposeA must be true or false; got 1.'],
    ];
    for (const [call, message] of cases) {
      t.throws(() => tf.tidy(() => call() as tf.Tensor), { instanceOf: Error, message }, `${backend}: ${message}`);
    }
    t.is(tf.memory().numTensors, before, `${backend}: no tensor left behind by a refused call`);
  }
});

test.serial('off wasm, matMul runs tf ops with the same results and shapes, and says the kernel is not in use', async (t) => {
  await initBackend('cpu');
  t.false(gridfoldMatMulAvailable());
  const before = tf.memory().numTensors;
  checkAllCases(t, [[5, 7, 3], [17, 40, 9]]);
  t.is(tf.memory().numTensors, before);
});
