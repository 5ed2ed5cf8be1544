import test from 'ava';
import { initBackend, describeBackend, resolveBackendChoice, tf } from '../../src/backend/index.js';
import { BackendError, InvalidParameterError, messages } from '../../src/core/index.js';

test.serial('an unknown backend name is refused, naming the choices', (t) => {
  t.throws(() => resolveBackendChoice('gpu'), { instanceOf: InvalidParameterError, message: messages.unknownBackend('gpu') });
  t.is(messages.unknownBackend('gpu'), 'backend must be one of auto, tensorflow, wasm or cpu (option backend or GRIDFOLD_BACKEND); got "gpu".');
});

test.serial('wasm and cpu load when asked for, and one line says which and why', async (t) => {
  const wasm = await initBackend('wasm');
  t.deepEqual(wasm, { name: 'wasm', reason: 'asked for', usesGpu: false, native: false });
  t.is(tf.getBackend(), 'wasm');
  t.is(describeBackend(wasm), "gridfold: TensorFlow.js backend wasm (asked for), gridfold's matmul kernel with fused multiply-add (relaxed SIMD)");
  const cpu = await initBackend('cpu');
  t.is(cpu.name, 'cpu');
  t.is(tf.getBackend(), 'cpu');
  // A fit calls initBackend() with no choice: it must keep the backend asked for.
  t.is(await initBackend(), cpu);
  t.is(tf.getBackend(), 'cpu');
});

test.serial('auto falls back to wasm here and says why; concurrent first calls share one initialisation', async (t) => {
  const [a, b] = await Promise.all([initBackend('auto'), initBackend('auto')]);
  t.is(a, b);
  t.is(a.name, 'wasm');
  t.true(a.reason.startsWith('auto: no native TensorFlow (@tensorflow/tfjs-node-gpu: not installed;'));
});

test.serial('asking for the native backend where it cannot load is an error that says why', async (t) => {
  const reason = "@tensorflow/tfjs-node-gpu: not installed; @tensorflow/tfjs-node: only the plain-tfjs alias of the npm overrides is installed";
  await t.throwsAsync(initBackend('tensorflow'), { instanceOf: BackendError, message: messages.nativeBackendUnavailable(reason) });
});
