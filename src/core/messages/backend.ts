import { describeValue } from '../describe.js';

export const BACKEND_CHOICES = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;

export function unknownBackend(value: unknown): string {
  return `backend must be one of auto, tensorflow, wasm or cpu (option backend or GRIDFOLD_BACKEND); got ${describeValue(value)}.`;
}

export function unknownGemmBuild(name: string, value: unknown): string {
  return `${name} must be one of auto, relaxed-simd or simd128 (the build of gridfold's wasm matmul kernel); got ${describeValue(value)}.`;
}

export function nativeBackendUnavailable(reason: string): string {
  return (
    `backend 'tensorflow' cannot be loaded: ${reason}. ` +
    'Install @tensorflow/tfjs-node-gpu (CUDA 11.2 / cuDNN 8.1) or @tensorflow/tfjs-node with npm ' +
    '(their install script downloads libtensorflow and must be allowed to run), or use backend wasm.'
  );
}

export function backendFailed(name: string, reason: string): string {
  return `backend '${name}' cannot be initialised: ${reason}.`;
}

export function backendChosen(name: string, why: string, gemmBuild?: 'relaxed-simd' | 'simd128'): string {
  const kernel = gemmBuild === undefined ? '' : gemmBuild === 'relaxed-simd'
    ? ", gridfold's matmul kernel with fused multiply-add (relaxed SIMD)"
    : ", gridfold's matmul kernel with SIMD128 (no fused multiply-add)";
  return `gridfold: TensorFlow.js backend ${name} (${why})${kernel}`;
}

/** The backend line a run prints by default; --verbose prints backendChosen's full reason. */
export function backendChosenShort(name: string, usesGpu: boolean, gemmBuild?: 'relaxed-simd' | 'simd128'): string {
  const kernel = gemmBuild === undefined ? '' : gemmBuild === 'relaxed-simd' ? ' (SIMD, fused multiply-add matmul)' : ' (SIMD)';
  const device = name === 'tensorflow' ? (usesGpu ? ' on the GPU' : ' on the CPU') : '';
  return `gridfold: backend ${name}${device}${kernel} · --verbose says why`;
}

// gridfold's matmul (src/backend/kernels): what the lean step multiplies with.

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

export function matMulOption(name: string, value: unknown, accepted: string): string {
  return `matMul: ${name} must be ${accepted}; got ${describeValue(value)}.`;
}

export function matMulNotTensor(name: string, value: unknown): string {
  return `matMul: ${name} must be a tf.Tensor; got ${value === null ? 'null' : typeof value}.`;
}

export function matMulNotFloat32(name: string, dtype: string, shape: readonly number[]): string {
  return `matMul: ${name} must be float32; got ${dtype} (shape ${shapeText(shape)}).`;
}

export function matMulRank(name: 'a' | 'b', shape: readonly number[], transposed: boolean): string {
  const dims = name === 'a' ? (transposed ? 'k, m' : 'm, k') : transposed ? 'n, k' : 'k, n';
  return `matMul: ${name} must have rank 2 [${dims}] or rank 3 [batch, ${dims}]${transposed ? ` (transpose${name.toUpperCase()})` : ''}; got shape ${shapeText(shape)}.`;
}

export function matMulInner(aShape: readonly number[], aInner: number, transposeA: boolean, bShape: readonly number[], bInner: number, transposeB: boolean): string {
  return (
    `matMul: the inner dimensions differ: a has shape ${shapeText(aShape)}, so k = ${aInner}${transposeA ? ' (transposeA)' : ''}, ` +
    `but b has shape ${shapeText(bShape)}, so k = ${bInner}${transposeB ? ' (transposeB)' : ''}.`
  );
}

export function matMulBatch(aShape: readonly number[], bShape: readonly number[]): string {
  return `matMul: the batch sizes differ: a has shape ${shapeText(aShape)} and b has shape ${shapeText(bShape)}; they must be equal, or one operand must have batch 1 or rank 2.`;
}

export function matMulBias(n: number, batch: number, biasShape: readonly number[]): string {
  return `matMul: bias must have shape [${n}] (one per output column) or [${batch}, ${n}] (one row per matrix); got shape ${shapeText(biasShape)}.`;
}

export function relaxedSimdUnavailable(): string {
  return 'this engine does not run relaxed SIMD (set GRIDFOLD_GEMM=simd128 or auto)';
}

/** Why a kernel binary may not be instantiated into tfjs' memory (the reason inside matMulKernelUnavailable). */
export function wasmModuleOwnsSections(sections: readonly string[]): string {
  return `the module has ${sections.map((name) => `a ${name} section`).join(', ')}; it must own no memory, data, globals or tables`;
}

export function wasmModuleImports(imports: readonly string[]): string {
  return `the module must import exactly env.memory; it imports ${imports.join(', ') || 'nothing'}`;
}

export function wasmModuleMissingExport(name: string): string {
  return `the module does not export the function ${name}`;
}

const MALFORMED = {
  header: 'not a WebAssembly 1.0 binary',
  size: 'malformed section size',
  overrun: 'a section runs past the end of the module',
} as const;

export function wasmModuleMalformed(problem: keyof typeof MALFORMED): string {
  return MALFORMED[problem];
}

export function matMulKernelUnavailable(reason: string): string {
  return `gridfold matmul: the wasm kernel cannot be loaded: ${reason}`;
}

export function wasmKernelChannelsFirst(kernel: string): string {
  return `${kernel} on wasm: gridfold's kernel takes channels-last (NHWC) tensors only; got dataFormat NCHW (tfjs-layers converts channelsFirst layers to NHWC itself; call tf ops with NHWC).`;
}

export function wasmHeapExhausted(bytes: number): string {
  return `gridfold kernel: the wasm heap cannot provide ${bytes} bytes for a temporary (the model's tensors are too large for wasm's 4 GB memory).`;
}

export function convOpNeedsWasm(kernel: string, backend: string): string {
  return `${kernel} is one of gridfold's wasm kernels (the lean conv step's); the active backend is ${backend}.`;
}
