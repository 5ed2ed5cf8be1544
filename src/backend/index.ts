export { tf } from './tf.js';
export type { Tensor, Tensor2D, LayersModel, Optimizer } from './tf.js';
export { initBackend, describeBackend, resolveBackendChoice } from './select.js';
export type { BackendInfo, BackendChoice } from './select.js';
export { matMul as gridfoldMatMul, gridfoldMatMulAvailable, gemmBuild, setGemmBuild, kernelModuleAvailable, type GemmBuild, type MatMulOptions } from './kernels/index.js';
export { im2col, col2im, maxPoolWithIndices, maxPoolBackward, columnSums, denseSgdEpoch, type DenseStepLayer } from './kernels/index.js';
export { copyRows, rowsTensor, takeRows } from './host-rows.js';
