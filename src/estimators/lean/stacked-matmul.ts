/**
 * The batched matmul fold-batched training runs on. tfjs' own BatchMatMul is right on
 * every backend but, on wasm, runs any batch of more than one matrix as a scalar loop.
 */
import { tfStackedMatMul, type StackedMatMul } from './stacked-step.js';

export function stackedMatMulFor(_backendName: string): StackedMatMul {
  return tfStackedMatMul;
}

/** Whether stacking folds pays on this backend: its batched matmul must not be a scalar loop. */
export function stackedMatMulIsFast(backendName: string): boolean {
  return backendName !== 'wasm';
}
