/**
 * Training rate of the seed MLP 784 → u → u/2 → 10 (batch 64, SGD lr 0.01, relu) on the
 * embedded MNIST sample, one core, for u in 32, 64, 128, 256:
 *   - gridfold `NeuralNetClassifier.fit` (the lean step for this model),
 *   - the same `fit` with the lean step turned off (the generic autograd loop: the "before"),
 *   - the lean `fit` on the plain SIMD128 build of gridfold's kernel instead of the fused
 *     multiply-add one (wasm only: the "before" of that lever),
 *   - a plain `tf.sequential` + `model.fit` on the same backend (what a tfjs user writes),
 * and the best matmul rate this backend has (tfjs' own tf.matMul, or gridfold's kernel on
 * wasm — the roofline the share is taken of), all in this one process, repetitions interleaved so a
 * noisy machine slows every variant alike; the figures are medians.
 *   node --import tsx bench/fit-rate.ts [--reps 3] [--epochs 2] [--samples 6400] [--units 32,64,128,256]
 * Prints a table on stderr and one JSON line on stdout (read by bench/run.js).
 */
import { NeuralNetClassifier, describeBackend, initBackend, loadMnist } from '../src/index.js';
import { setLeanTraining } from '../src/estimators/lean/index.js';
import { gemmBuild, gridfoldMatMul, setGemmBuild, tf } from '../src/backend/index.js';
import os from 'node:os';
import { median, option } from './lib/util.js';

const reps = Number(option('reps', '3'));
const epochs = Number(option('epochs', '2'));
const samples = Number(option('samples', '6400'));
const widths = option('units', '32,64,128,256').split(',').map(Number);
const BATCH = 64;

const backend = await initBackend();
process.stderr.write(`${describeBackend(backend)}\n`);
const mnist = await loadMnist({ limit: samples });
const features = mnist.shape[1];
const X = { data: mnist.X, shape: [samples, features] };

/** Multiply-accumulates per sample of one forward pass. */
function macsPerSample(u: number): number {
  return features * u + u * (u / 2) + (u / 2) * 10;
}

const compareBuilds = backend.name === 'wasm' && gemmBuild() === 'relaxed-simd';

async function gridfoldRate(u: number, lean: boolean, build: 'auto' | 'simd128' = 'auto'): Promise<number> {
  setLeanTraining(lean);
  setGemmBuild(build);
  const net = new NeuralNetClassifier({
    'module.hiddenUnits': [u, u / 2], optimizer: 'sgd', lr: 0.01, batchSize: BATCH, maxEpochs: epochs, trainSplit: 0, seed: 0,
  });
  const started = performance.now();
  await net.fit(X, mnist.y);
  const seconds = (performance.now() - started) / 1000;
  net.dispose();
  setLeanTraining(true);
  setGemmBuild('auto');
  return (epochs * samples) / seconds;
}

async function modelFitRate(u: number, xs: tf.Tensor, ys: tf.Tensor): Promise<number> {
  const model = tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [features], units: u, activation: 'relu' }),
    tf.layers.dense({ units: u / 2, activation: 'relu' }),
    tf.layers.dense({ units: 10, activation: 'softmax' }),
  ] });
  const optimizer = tf.train.sgd(0.01);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  const started = performance.now();
  await model.fit(xs, ys, { batchSize: BATCH, epochs, shuffle: true, verbose: 0 });
  const seconds = (performance.now() - started) / 1000;
  model.dispose();
  optimizer.dispose();
  return (epochs * samples) / seconds;
}

/** GFLOP/s of one n×n by n×n matmul (2n³ flops), median of a few runs after a warm-up. */
function matmulRate(n: number, runs = 7, product: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor = tf.matMul): number {
  const a = tf.randomUniform([n, n]);
  const b = tf.randomUniform([n, n]);
  product(a, b).dispose();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const c = product(a, b);
    c.dataSync();
    times.push((performance.now() - started) / 1000);
    c.dispose();
  }
  tf.dispose([a, b]);
  return (2 * n ** 3) / median(times) / 1e9;
}

const xs = tf.tensor2d(mnist.X, [samples, features]);
const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(mnist.y as Int32Array, 'int32'), 10).toFloat());
const matmul: number[] = [];
const kernelMatmul: number[] = [];
const plainKernelMatmul: number[] = [];
const rows = [];
for (const u of widths) {
  const runs = { lean: [] as number[], plainKernel: [] as number[], generic: [] as number[], modelFit: [] as number[] };
  /** Each repetition's fit rate as a share of the matmul rate measured right beside it. */
  const shares: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    runs.lean.push(await gridfoldRate(u, true));
    if (compareBuilds) runs.plainKernel.push(await gridfoldRate(u, true, 'simd128'));
    runs.generic.push(await gridfoldRate(u, false));
    runs.modelFit.push(await modelFitRate(u, xs, ys));
    matmul.push(matmulRate(1024, 3));
    kernelMatmul.push(matmulRate(1024, 3, (a, b) => gridfoldMatMul(a, b)));
    if (compareBuilds) {
      setGemmBuild('simd128');
      plainKernelMatmul.push(matmulRate(1024, 3, (a, b) => gridfoldMatMul(a, b)));
      setGemmBuild('auto');
    }
    const rateNow = Math.max(matmul[matmul.length - 1], kernelMatmul[kernelMatmul.length - 1]);
    shares.push((6 * macsPerSample(u) * runs.lean[rep]) / 1e9 / rateNow);
  }
  const lean = median(runs.lean);
  const plainKernel = compareBuilds ? median(runs.plainKernel) : undefined;
  const generic = median(runs.generic);
  const modelFit = median(runs.modelFit);
  const gflops = (rate: number) => (6 * macsPerSample(u) * rate) / 1e9;
  rows.push({
    units: u, gridfold: lean, plainKernel, generic, modelFit, ratio: lean / modelFit, genericRatio: generic / modelFit,
    gflops: gflops(lean), genericGflops: gflops(generic), modelFitGflops: gflops(modelFit), share: median(shares), shares,
  });
  process.stderr.write(
    `u=${String(u).padStart(3)}  gridfold ${lean.toFixed(0).padStart(6)}/s  generic loop ${generic.toFixed(0).padStart(6)}/s  ` +
    (plainKernel === undefined ? '' : `SIMD128 kernel ${plainKernel.toFixed(0).padStart(6)}/s  `) +
    `model.fit ${modelFit.toFixed(0).padStart(6)}/s  gridfold/model.fit ${(lean / modelFit).toFixed(2)}×  ` +
    `${gflops(lean).toFixed(1)} GFLOP/s (generic ${gflops(generic).toFixed(1)})\n`,
  );
}
tf.dispose([xs, ys]);
const tfjsMatmulGflops = median(matmul);
const kernelMatmulGflops = median(kernelMatmul);
const plainKernelMatmulGflops = compareBuilds ? median(plainKernelMatmul) : undefined;
const matmulGflops = Math.max(tfjsMatmulGflops, kernelMatmulGflops);
process.stderr.write(`matmul 1024²: tf.matMul ${tfjsMatmulGflops.toFixed(1)} GFLOP/s, gridfold's matMul ${kernelMatmulGflops.toFixed(1)} GFLOP/s` +
  `${plainKernelMatmulGflops === undefined ? '' : ` (SIMD128 build ${plainKernelMatmulGflops.toFixed(1)})`} (medians of ${matmul.length})\n`);
for (const row of rows) {
  process.stderr.write(`u=${row.units}: ${(100 * row.gflops / matmulGflops).toFixed(0)} % of the matmul rate (generic ${(100 * row.genericGflops / matmulGflops).toFixed(0)} %)\n`);
}
process.stdout.write(`${JSON.stringify({ bench: 'fit-rate', backend: backend.name, reps, load: os.loadavg()[0], epochs, samples, batchSize: BATCH, matmulGflops, tfjsMatmulGflops, kernelMatmulGflops, plainKernelMatmulGflops, gemmBuild: backend.name === 'wasm' ? gemmBuild() : undefined, rows })}\n`);
