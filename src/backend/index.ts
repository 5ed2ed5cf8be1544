export { tf } from './tf.js';
export type { Tensor, Tensor2D, LayersModel, Optimizer } from './tf.js';
export { initBackend, describeBackend, resolveBackendChoice } from './select.js';
export type { BackendInfo, BackendChoice } from './select.js';
export { matMul as gridfoldMatMul, gridfoldMatMulAvailable, gemmBuild, setGemmBuild, type GemmBuild, type MatMulOptions } from './kernels/index.js';
