/**
 * gridfold's kernels for tfjs' wasm backend: its own matmul (the lean step's products), and
 * the gradient kernels wasm lacks or gets wrong, registered when this module loads so that
 * every tfjs-layers model with convolutions or embeddings trains on wasm.
 */
import { registerConvGradients } from './conv-gradients.js';
import { registerSegmentSum } from './segment-sum.js';

registerConvGradients();
registerSegmentSum();

export { matMul, gridfoldMatMulAvailable, GRIDFOLD_MATMUL_KERNEL, type MatMulOptions } from './matmul.js';
export { gemmBuild, setGemmBuild, requestedGemmBuild, type GemmBuild } from './gemm-builds.js';
export { kernelModuleAvailable } from './instance.js';
export { im2col, col2im, maxPoolWithIndices, maxPoolBackward, columnSums } from './conv-ops.js';
export { replacedWasmKernel } from './register.js';
export { denseSgdEpoch, type DenseSgdEpoch, type DenseStepLayer } from './dense-epoch.js';
