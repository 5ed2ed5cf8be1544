/**
 * Which build of the wasm gemm kernel a thread runs, compiled once per thread and checked
 * by wasm-module.ts before anything instantiates it.
 */
import { setFlagsFromString } from 'node:v8';
import { InvalidParameterError, messages } from '../../core/index.js';
import { GEMM_RELAXED_WASM_BASE64, GEMM_WASM_BASE64 } from './gemm-wasm.js';
import { checkedModule, decodeBase64 } from './wasm-module.js';

/** The functions the module exports: gemm.c's (matmul.ts), conv.c's (the conv gradient kernels) and dense.c's (dense-epoch.ts). */
export const KERNEL_EXPORTS = [
  'gemm', 'gemm_scratch_bytes', 'im2col', 'col2im', 'maxpool', 'maxpool_backward', 'depthwise_filter_grad', 'depthwise_input_grad', 'column_sums',
  'softmax_cross_entropy', 'dense_sgd_epoch',
] as const;

/**
 * The two builds of the kernel: 'relaxed-simd' multiplies and adds in one fused instruction
 * (f32x4.relaxed_madd), 'simd128' in two. 'auto' takes the first where the engine runs it.
 * The fused build rounds once per multiply-add instead of twice, so its results differ in
 * the last bits; every thread of a process makes the same choice, so nJobs never changes a
 * score, but a machine without relaxed SIMD (or without FMA in its CPU) trains on the other
 * rounding. GRIDFOLD_GEMM=simd128 pins the plain build. (conv.c never fuses: its kernels
 * give the same bits in both builds.)
 */
export const GEMM_BUILDS = ['auto', 'relaxed-simd', 'simd128'] as const;
export type GemmBuild = Exclude<(typeof GEMM_BUILDS)[number], 'auto'>;

// Per thread: this module is evaluated once per worker, and so are these.
let wantedBuild: (typeof GEMM_BUILDS)[number] | undefined;
const compiled = new Map<GemmBuild, WebAssembly.Module | Error>();

function checkedBuild(value: unknown, name: string): (typeof GEMM_BUILDS)[number] {
  if (!(GEMM_BUILDS as readonly unknown[]).includes(value)) throw new InvalidParameterError(messages.unknownGemmBuild(name, value));
  return value as (typeof GEMM_BUILDS)[number];
}

/** Chooses the kernel build for this thread (benchmarks compare them); 'auto' by default. */
export function setGemmBuild(build: unknown): void {
  wantedBuild = checkedBuild(build, 'build');
}

/** The build asked for in this thread (setGemmBuild, else GRIDFOLD_GEMM, else 'auto'); refuses a bad GRIDFOLD_GEMM. */
export function requestedGemmBuild(): (typeof GEMM_BUILDS)[number] {
  wantedBuild ??= checkedBuild(process.env.GRIDFOLD_GEMM ?? 'auto', 'GRIDFOLD_GEMM');
  return wantedBuild;
}

/** The build matMul runs on wasm in this thread: the one asked for, or under 'auto' the fused one where it compiles. */
export function gemmBuild(): GemmBuild {
  const wanted = requestedGemmBuild();
  if (wanted !== 'auto') return wanted;
  return compiledModule('relaxed-simd') instanceof Error ? 'simd128' : 'relaxed-simd';
}

/**
 * Whether this engine accepts the relaxed-SIMD binary. V8 ships relaxed SIMD from 11.4
 * (Node 22); Node 20's V8 11.3 has it complete behind --experimental-wasm-relaxed-simd,
 * which only gates validation and can be set at run time (process-wide, so every worker
 * sees the same answer).
 */
function validatesRelaxedSimd(bytes: Uint8Array<ArrayBuffer>): boolean {
  if (WebAssembly.validate(bytes)) return true;
  try {
    setFlagsFromString('--experimental-wasm-relaxed-simd');
  } catch {
    return false;
  }
  return WebAssembly.validate(bytes);
}

/** The build compiled and checked (once per thread), or why it cannot be. */
export function compiledModule(build: GemmBuild): WebAssembly.Module | Error {
  let module = compiled.get(build);
  if (module === undefined) {
    try {
      const bytes = decodeBase64(build === 'relaxed-simd' ? GEMM_RELAXED_WASM_BASE64 : GEMM_WASM_BASE64);
      if (build === 'relaxed-simd' && !validatesRelaxedSimd(bytes)) throw new Error(messages.relaxedSimdUnavailable());
      module = checkedModule(bytes, KERNEL_EXPORTS);
    } catch (error) {
      module = error as Error;
    }
    compiled.set(build, module);
  }
  return module;
}
