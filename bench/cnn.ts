/**
 * Training rate of seed 000's DemoNetwork (conv 16@3×3 same → maxpool 2 → conv 32@3×3 →
 * maxpool 2 pad 1 → conv 8@1×1 → conv 4@5×5 → flatten → dense 10; Adam 5e-3, batch 64) on
 * MNIST, one core:
 *   - gridfold `fit` on wasm with the lean conv step (src/estimators/lean/conv-*.ts),
 *   - the same `fit` with the lean step off: tfjs' autograd on wasm with gridfold's gradient kernels,
 *   - the same `fit` on tfjs' cpu backend (a few batches only: it is ~100× slower),
 *   - PyTorch on one CPU thread (bench/demo_network.py), run beside it,
 * repetitions interleaved (lean, generic, PyTorch, lean, …) so a loaded machine slows all
 * alike; each figure is a steady-state epoch (the second: the first one compiles), the rates
 * medians, the ratios medians of each repetition's pair. CPU-time rates are given too: on a
 * machine shared with other work they move less than wall time.
 * It also measures a lean step's fixed cost (a step at batch 1 against one at batch 64):
 * the most that stacking several folds into one model could share.
 *   node --import tsx bench/cnn.ts [--reps 5] [--samples 3200] [--cpu-batches 1]
 * Skips the PyTorch rows cleanly when python3 cannot import torch and numpy.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Callback, NeuralNetClassifier, describeBackend, initBackend, loadMnist, type TrainingContext } from '../src/index.js';
import { setLeanTraining } from '../src/estimators/lean/index.js';
import { median, option } from './lib/util.js';
import { findPython, writeNpy } from './lib/python.js';

const reps = Number(option('reps', '5'));
const samples = Number(option('samples', '3200'));
const cpuBatches = Number(option('cpu-batches', '1'));
const INSTALL = 'sudo apt-get install python3-torch python3-numpy   (Debian/Ubuntu packages)';

const DEMO_NETWORK = {
  module: 'cnn', 'module.activation': 'none', optimizer: 'adam', lr: 5e-3, batchSize: 64, trainSplit: 0, seed: 0,
  'module.convs': [
    { filters: 16, kernel: 3, padding: 'same', pool: 2 },
    { filters: 32, kernel: 3, pool: 2, poolPadding: 1 },
    { filters: 8, kernel: 1 },
    { filters: 4, kernel: 5 },
  ],
};

/** CPU time (user + system) at the end of every epoch, so one epoch's CPU time can be read. */
class CpuClock extends Callback {
  readonly marks: number[] = [];
  override onTrainBegin(): void {
    this.marks.push(cpuSeconds());
  }
  override onEpochEnd(_context: TrainingContext): void {
    this.marks.push(cpuSeconds());
  }
  toJSON() {
    return { type: 'CpuClock', options: {} };
  }
}

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

const backend = await initBackend('wasm');
process.stderr.write(`${describeBackend(backend)}\n`);
const mnist = await loadMnist({ limit: samples });
const images = { data: mnist.X, shape: [samples, 28, 28, 1] };

interface Rate {
  wall: number;
  cpu: number;
}

/** samples/s of the last epoch of a fit of `epochs` epochs on `rows` samples. */
async function gridfoldRate(lean: boolean, rows = samples, epochs = 2): Promise<Rate> {
  setLeanTraining(lean);
  const clock = new CpuClock();
  const net = new NeuralNetClassifier({ ...DEMO_NETWORK, maxEpochs: epochs, callbacks: [clock] });
  await net.fit({ data: images.data.subarray(0, rows * 784), shape: [rows, 28, 28, 1] }, mnist.y.subarray(0, rows));
  const last = net.history[net.history.length - 1];
  net.dispose();
  setLeanTraining(true);
  return { wall: rows / last.dur, cpu: rows / (clock.marks[epochs] - clock.marks[epochs - 1]) };
}

const peer = findPython(['torch', 'numpy']);
let dir: string | undefined;
if ('skipped' in peer) {
  process.stderr.write(`PyTorch rows skipped: ${peer.skipped}.\nTo run them, install the peer: ${INSTALL}\n`);
} else {
  dir = await mkdtemp(join(os.tmpdir(), 'gridfold-cnn-'));
  await writeNpy(join(dir, 'X.npy'), mnist.X, [samples, 784], '<f4');
  await writeNpy(join(dir, 'y.npy'), BigInt64Array.from(mnist.y, (v) => BigInt(v)), [samples], '<i8');
}

function torchRate(): Rate & { torch: string; threads: number } {
  if ('skipped' in peer) throw new Error('no peer');
  const script = fileURLToPath(new URL('./demo_network.py', import.meta.url));
  const env = { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const child = spawnSync(peer.python, [script, dir!, '1'], { encoding: 'utf8', env });
  if (child.status !== 0) throw new Error(`demo_network.py failed (${child.status}): ${child.stderr}`);
  const result = JSON.parse(child.stdout.trim().split('\n').pop()!) as { samplesPerSecond: number; cpuSamplesPerSecond: number; torch: string; threads: number };
  return { wall: result.samplesPerSecond, cpu: result.cpuSamplesPerSecond, torch: result.torch, threads: result.threads };
}

/**
 * The fixed cost of a lean step — what stacking several folds into one model could share —
 * as the CPU time of a step at batch 1 (almost no arithmetic) over one at batch 64, each
 * the steady-state epoch of a fit (median of `reps` pairs).
 */
async function stepOverhead(): Promise<{ batch1Ms: number; batch64Ms: number; share: number }> {
  const perStep = async (batch: number, steps: number) => {
    const clock = new CpuClock();
    const rows = batch * steps;
    const net = new NeuralNetClassifier({ ...DEMO_NETWORK, batchSize: batch, maxEpochs: 2, callbacks: [clock] });
    await net.fit({ data: images.data.subarray(0, rows * 784), shape: [rows, 28, 28, 1] }, mnist.y.subarray(0, rows));
    net.dispose();
    return ((clock.marks[2] - clock.marks[1]) * 1000) / steps;
  };
  const pairs: Array<[number, number]> = [];
  for (let rep = 0; rep < reps; rep++) pairs.push([await perStep(1, 100), await perStep(64, 20)]);
  return { batch1Ms: median(pairs.map((p) => p[0])), batch64Ms: median(pairs.map((p) => p[1])), share: median(pairs.map((p) => p[0] / p[1])) };
}

const rates: Record<'lean' | 'generic' | 'torch', Rate[]> = { lean: [], generic: [], torch: [] };
let torchInfo: { torch: string; threads: number } | undefined;
try {
  await gridfoldRate(true, 640, 1);
  for (let rep = 0; rep < reps; rep++) {
    rates.lean.push(await gridfoldRate(true));
    rates.generic.push(await gridfoldRate(false));
    if (!('skipped' in peer)) {
      const torch = torchRate();
      torchInfo = { torch: torch.torch, threads: torch.threads };
      rates.torch.push(torch);
    }
    const last = (name: keyof typeof rates) => rates[name].at(-1)?.wall.toFixed(0) ?? '–';
    process.stderr.write(`  rep ${rep + 1}: lean ${last('lean')}, generic ${last('generic')}, PyTorch ${last('torch')} samples/s\n`);
  }
} finally {
  if (dir) await rm(dir, { recursive: true, force: true });
}

await initBackend('cpu');
const cpuBackend = await gridfoldRate(false, cpuBatches * 64, 1);
await initBackend('wasm');
process.stderr.write(`  cpu backend: ${cpuBackend.wall.toFixed(1)} samples/s (${cpuBatches} batches)\n`);
const overhead = await stepOverhead();

const med = (name: keyof typeof rates, field: keyof Rate) => median(rates[name].map((r) => r[field]));
const ratio = (name: 'lean' | 'generic', field: keyof Rate) => (rates.torch.length ? median(rates[name].map((r, i) => r[field] / rates.torch[i][field])) : undefined);
const summary = await new NeuralNetClassifier(DEMO_NETWORK).summary({ inputShape: [28, 28, 1], nOutputs: 10 });
const result = {
  bench: 'cnn', backend: backend.name, reps, samples, batchSize: 64, cpuBatches, loadAverage: os.loadavg(),
  params: summary.totalParams, multAdds: summary.multAdds,
  lean: { wall: med('lean', 'wall'), cpu: med('lean', 'cpu') },
  generic: { wall: med('generic', 'wall'), cpu: med('generic', 'cpu') },
  cpuBackend,
  torch: rates.torch.length ? { wall: med('torch', 'wall'), cpu: med('torch', 'cpu'), ...torchInfo } : { skipped: 'skipped' in peer ? peer.skipped : '', install: INSTALL },
  leanVsTorch: ratio('lean', 'wall'), leanVsTorchCpu: ratio('lean', 'cpu'),
  genericVsTorch: ratio('generic', 'wall'), genericVsTorchCpu: ratio('generic', 'cpu'),
  leanVsGeneric: median(rates.lean.map((r, i) => r.wall / rates.generic[i].wall)),
  overhead,
};
process.stderr.write(
  `DemoNetwork (${result.params} parameters), batch 64, one core: lean ${result.lean.wall.toFixed(0)}, generic ${result.generic.wall.toFixed(0)}, ` +
  `cpu backend ${cpuBackend.wall.toFixed(1)}${rates.torch.length ? `, PyTorch ${result.torch.wall!.toFixed(0)}` : ''} samples/s; ` +
  `lean / PyTorch ${result.leanVsTorch?.toFixed(2) ?? '–'} (CPU time ${result.leanVsTorchCpu?.toFixed(2) ?? '–'}); goal ≥ 0.5\n`,
);
process.stdout.write(`${JSON.stringify(result)}\n`);
