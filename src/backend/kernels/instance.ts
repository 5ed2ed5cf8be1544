/**
 * gridfold's own wasm module (gemm.c + conv.c) instantiated into tfjs' wasm backend's
 * memory, once per backend and build (gemm-builds.ts chooses and compiles the build,
 * wasm-module.ts checks it owns no memory), and the heap blocks kernels borrow for
 * temporaries. Kernels pass the module byte offsets of tensors where tfjs keeps them.
 */
import { BackendError, messages } from '../../core/index.js';
import { tf } from '../tf.js';
import { compiledModule, gemmBuild, type GemmBuild } from './gemm-builds.js';

/** The flags of gemm() in gemm.c. */
export const FLAG_TRANSPOSE_A = 1;
export const FLAG_TRANSPOSE_B = 2;
export const FLAG_BIAS = 4;
export const FLAG_RELU = 8;
export const FLAG_ACCUMULATE = 16;

/** What we use of tfjs-backend-wasm's internals (checked in tests against 4.22.0). */
export interface WasmHeap {
  wasm?: { asm?: { memory?: unknown }; _malloc?: (bytes: number) => number; _free?: (pointer: number) => void };
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: 'float32' | 'int32'): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

/**
 * A convolution's geometry in conv.c's argument order: images, in_h, in_w, channels, out_h,
 * out_w, filter_h, filter_w, stride_h, stride_w, dil_h, dil_w, pad_top, pad_left.
 */
export type ConvGeometry = [number, number, number, number, number, number, number, number, number, number, number, number, number, number];

/** The module's functions (pointers are byte offsets into tfjs' memory). */
export interface KernelModule {
  gemm(
    batch: number, m: number, n: number, k: number,
    a: number, aStride: number, b: number, bStride: number, bias: number, biasStride: number,
    c: number, flags: number, scratch: number,
  ): void;
  im2col(...args: [...ConvGeometry, number, number]): void;
  col2im(...args: [...ConvGeometry, number, number]): void;
  maxpool(...args: number[]): void;
  maxpool_backward(outSize: number, inSize: number, dy: number, argmax: number, dx: number): void;
  depthwise_filter_grad(...args: number[]): void;
  depthwise_input_grad(...args: number[]): void;
  column_sums(rows: number, cols: number, x: number, out: number): void;
  softmax_cross_entropy(rows: number, units: number, logits: number, y: number, rowIds: number, dOutput: number): number;
  dense_sgd_epoch(
    n: number, batchSize: number, order: number, inSize: number, layers: number, widths: number, relu: number, kernels: number, biases: number,
    x: number, y: number, c: number, xb: number, acts: number, dz: number, dPrevious: number, grad: number, biasGrad: number, scratch: number,
  ): number;
  /** A block of tfjs' heap gemm packs panels into; never freed (a few KiB per backend). */
  scratch: number;
}

// Per thread: this module is evaluated once per worker.
const instances = new WeakMap<object, Map<GemmBuild, KernelModule | Error>>();

/** The module instantiated into this backend's memory (once per backend and build), or why it cannot be. */
export function loadKernelModule(backend: WasmHeap): KernelModule | Error {
  const memory = backend.wasm?.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) {
    return new BackendError(messages.matMulKernelUnavailable("tfjs' wasm backend exposes no WebAssembly.Memory at backend.wasm.asm.memory (tfjs-backend-wasm changed?)"));
  }
  const build = gemmBuild();
  let builds = instances.get(memory);
  if (!builds) instances.set(memory, (builds = new Map()));
  const cached = builds.get(build);
  if (cached) return cached;
  let loaded: KernelModule | Error;
  try {
    const module = compiledModule(build);
    if (module instanceof Error) throw module;
    const { exports } = new WebAssembly.Instance(module, { env: { memory } });
    const scratchBytes = (exports.gemm_scratch_bytes as () => number)();
    const malloc = backend.wasm?._malloc;
    if (typeof malloc !== 'function' || typeof backend.wasm?._free !== 'function') throw new Error("tfjs' wasm backend has no _malloc/_free");
    const scratch = malloc(scratchBytes) >>> 0;
    if (scratch === 0) throw new Error(`could not allocate ${scratchBytes} bytes of scratch on the wasm heap`);
    loaded = { ...(exports as unknown as Omit<KernelModule, 'scratch'>), scratch };
  } catch (error) {
    loaded = new BackendError(messages.matMulKernelUnavailable(`${build} build: ${(error as Error).message}`));
  }
  builds.set(build, loaded);
  return loaded;
}

/** The module for a kernel about to run on this backend; throws why it cannot load. */
export function kernelModuleFor(backend: WasmHeap): KernelModule {
  const loaded = loadKernelModule(backend);
  if (loaded instanceof Error) throw loaded;
  return loaded;
}

/** Whether the active backend is wasm and gridfold's module loads into it. */
export function kernelModuleAvailable(): boolean {
  if (tf.getBackend() !== 'wasm') return false;
  return !(loadKernelModule(tf.backend() as unknown as WasmHeap) instanceof Error);
}

/**
 * Runs `use` with blocks of the wasm heap (byte offsets, 16-byte aligned by tfjs' malloc)
 * for a kernel's temporaries, and frees them after, also when it throws.
 */
export function withHeapBlocks<T>(backend: WasmHeap, bytes: readonly number[], use: (blocks: number[]) => T): T {
  const wasm = backend.wasm!;
  const blocks: number[] = [];
  try {
    for (const size of bytes) {
      const block = wasm._malloc!(Math.max(size, 16)) >>> 0;
      if (block === 0) throw new BackendError(messages.wasmHeapExhausted(size));
      blocks.push(block);
    }
    return use(blocks);
  } finally {
    for (const block of blocks) wasm._free!(block);
  }
}

/** The byte offset of a tensor's data on the wasm heap. */
export function heapOffset(backend: WasmHeap, info: tf.TensorInfo): number {
  const data = backend.dataIdMap.get(info.dataId);
  if (!data) throw new Error("gridfold kernel: a tensor has no data on the wasm backend (disposed?)");
  return data.memoryOffset;
}
