/**
 * Choosing the backend: tfjs-node-gpu (or tfjs-node) when it loads, else wasm, else cpu.
 * One line says which backend runs and why; asking for one that cannot load is an error.
 */
import { BackendError, InvalidParameterError, messages } from '../core/index.js';
import { requirePackage, tf } from './tf.js';
import { gemmBuild, requestedGemmBuild } from './kernels/index.js';

export type BackendChoice = (typeof messages.BACKEND_CHOICES)[number];

export interface BackendInfo {
  /** The tfjs backend name: 'tensorflow', 'wasm' or 'cpu'. */
  name: string;
  /** Why this one: what was asked and what was tried. */
  reason: string;
  usesGpu: boolean;
  /** True for tfjs-node(-gpu): one engine per process, not per worker thread. */
  native: boolean;
}

let current: { choice: BackendChoice; info: Promise<BackendInfo> } | undefined;

export function resolveBackendChoice(value: unknown = process.env.GRIDFOLD_BACKEND ?? 'auto'): BackendChoice {
  if (!(messages.BACKEND_CHOICES as readonly unknown[]).includes(value)) {
    throw new InvalidParameterError(messages.unknownBackend(value));
  }
  return value as BackendChoice;
}

/**
 * Initialises the backend once per thread; later calls with the same choice are free, and
 * a call that names none keeps whichever backend the thread already runs (a fit after
 * `initBackend('cpu')` trains on cpu).
 */
export async function initBackend(choice: unknown = undefined): Promise<BackendInfo> {
  if (choice === undefined && current) return current.info;
  const wanted = resolveBackendChoice(choice ?? process.env.GRIDFOLD_BACKEND ?? 'auto');
  // A bad GRIDFOLD_GEMM is refused here, at once, not inside every fit on a worker.
  requestedGemmBuild();
  // The pending promise is shared: two first calls at once would otherwise race, and the
  // second setBackend('wasm') resolves to false.
  if (current && current.choice === wanted) return current.info;
  const info = select(wanted);
  current = { choice: wanted, info };
  info.catch(() => {
    if (current?.info === info) current = undefined;
  });
  return info;
}

/** The backend in one line: with why it was chosen (`verbose`, the default), or only what runs. */
export function describeBackend(info: BackendInfo, options: { verbose?: boolean } = {}): string {
  const build = info.name === 'wasm' ? gemmBuild() : undefined;
  return options.verbose === false ? messages.backendChosenShort(info.name, info.usesGpu, build) : messages.backendChosen(info.name, info.reason, build);
}

async function select(choice: BackendChoice): Promise<BackendInfo> {
  if (choice === 'tensorflow') {
    const native = await loadNative();
    if (typeof native === 'string') throw new BackendError(messages.nativeBackendUnavailable(native));
    return native;
  }
  if (choice === 'wasm') return activate('wasm', 'asked for');
  if (choice === 'cpu') return activate('cpu', 'asked for');
  const native = await loadNative();
  if (typeof native !== 'string') return native;
  try {
    return await activate('wasm', `auto: no native TensorFlow (${native}); wasm with SIMD, one core per worker`);
  } catch (error) {
    return activate('cpu', `auto: no native TensorFlow (${native}); wasm failed (${(error as Error).message})`);
  }
}

async function activate(name: 'wasm' | 'cpu', reason: string): Promise<BackendInfo> {
  // setBackend resolves to false instead of throwing when initialisation fails.
  const ok = await tf.setBackend(name);
  if (!ok) throw new BackendError(messages.backendFailed(name, 'tf.setBackend returned false'));
  await tf.ready();
  // The cpu backend prints a banner at its first tensor urging to install tfjs-node, which
  // cannot install here and which gridfold already detects; our backend line says what runs.
  if (name === 'cpu') (tf.backend() as { firstUse?: boolean }).firstUse = false;
  return { name, reason, usesGpu: false, native: false };
}

/** Returns the backend info, or a string saying why no native backend loads. */
async function loadNative(): Promise<BackendInfo | string> {
  // Without this, TensorFlow takes the whole GPU memory in every process.
  process.env.TF_FORCE_GPU_ALLOW_GROWTH ??= 'true';
  const tried: string[] = [];
  for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
    try {
      // require(), as tf.ts loads tfjs: the same CommonJS tfjs-core, without the ESM lexer's cost.
      requirePackage(pkg);
    } catch (error) {
      tried.push(`${pkg}: ${firstLine(error, pkg)}`);
      continue;
    }
    // Our npm overrides alias tfjs-node to plain tfjs for danfojs: importing it then
    // succeeds but registers no 'tensorflow' backend.
    if (!tf.findBackendFactory('tensorflow')) {
      tried.push(`${pkg}: only the plain-tfjs alias of the npm overrides is installed`);
      continue;
    }
    const ok = await tf.setBackend('tensorflow');
    if (!ok) {
      tried.push(`${pkg}: tf.setBackend('tensorflow') returned false`);
      continue;
    }
    await tf.ready();
    const backend = tf.backend() as unknown as { isUsingGpuDevice?: boolean };
    const usesGpu = backend.isUsingGpuDevice === true;
    const reason = usesGpu
      ? `${pkg} with a CUDA GPU`
      : `${pkg} loaded, but no usable GPU was found: TensorFlow runs on the CPU`;
    return { name: 'tensorflow', reason, usesGpu, native: true };
  }
  return tried.join('; ');
}

function firstLine(error: unknown, pkg: string): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n')[0];
  // Only the package itself missing is "not installed"; an installed package whose own
  // native library is missing also throws MODULE_NOT_FOUND, and that line must be shown.
  if ((error as { code?: string }).code === 'MODULE_NOT_FOUND' && line === `Cannot find module '${pkg}'`) return 'not installed';
  return line.slice(0, 200);
}
