/**
 * Registering gridfold's kernels for tfjs' wasm backend. Where tfjs-backend-wasm has its
 * own kernel of that name (registered when the package loads, before this runs), ours
 * replaces it: unregistered first, since registerKernel only warns and then keeps going.
 * The replaced configs are kept, so a benchmark can still time wasm's own.
 */
import { tf } from '../tf.js';

type KernelConfig = NonNullable<ReturnType<typeof tf.getKernel>>;

const replaced = new Map<string, KernelConfig>();

export function registerWasmKernel(kernelName: string, kernelFunc: tf.KernelFunc): void {
  const current = tf.getKernel(kernelName, 'wasm');
  if (current?.kernelFunc === kernelFunc) return;
  if (current) {
    if (!replaced.has(kernelName)) replaced.set(kernelName, current);
    tf.unregisterKernel(kernelName, 'wasm');
  }
  tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
}

/** tfjs-backend-wasm's own config of a kernel gridfold replaced (undefined if it had none). */
export function replacedWasmKernel(kernelName: string): KernelConfig | undefined {
  return replaced.get(kernelName);
}
