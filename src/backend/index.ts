export { tf } from './tf.js';
export type { Tensor, Tensor2D, LayersModel, Optimizer } from './tf.js';
export { initBackend, describeBackend, resolveBackendChoice } from './select.js';
export type { BackendInfo, BackendChoice } from './select.js';
export { matMul as gridfoldMatMul, gridfoldMatMulAvailable } from './kernels/matmul.js';
export { gemmBuild, setGemmBuild, type GemmBuild } from './kernels/gemm-builds.js';
export type { MatMulOptions } from './kernels/matmul.js';
