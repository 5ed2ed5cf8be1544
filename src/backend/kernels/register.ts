/**
 * Registering gridfold's kernels for tfjs' wasm backend. Where tfjs-backend-wasm has its
 * own kernel of that name (registered when the package loads, before this runs), ours
 * replaces it: unregistered first, since registerKernel only warns and then keeps going.
 */
import { tf } from '../tf.js';

export function registerWasmKernel(kernelName: string, kernelFunc: tf.KernelFunc): void {
  const current = tf.getKernel(kernelName, 'wasm');
  if (current?.kernelFunc === kernelFunc) return;
  if (current) tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
}
