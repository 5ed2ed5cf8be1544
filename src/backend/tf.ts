/**
 * The one place gridfold loads TensorFlow.js. Everything that trains or predicts gets
 * `tf` from here, so there is one engine and one registry of backends per thread; the
 * package exports this very object as `tf`, for users' own modules.
 *
 * `tf` is tfjs-core plus tfjs-layers, with the cpu and wasm backends registered — not the
 * @tensorflow/tfjs umbrella, which would also install WebGL, the converter and tfjs-data.
 * The umbrella's one other job, registering the gradients and the chained tensor methods
 * (`x.square()`), is done by dist/vendor/tfjs-core-registrations.cjs, a bundle of
 * tfjs-core's own modules made by `npm run build`.
 *
 * The packages are loaded with require(), not import: Node's ESM loader runs
 * cjs-module-lexer over every CommonJS file it imports to find its named exports, and
 * over tfjs' bundles that cost 0.55 s of each worker thread's start, 0.8 s when two
 * threads start at once. require() takes a fraction of it.
 */
import { createRequire } from 'node:module';
import type * as TfCore from '@tensorflow/tfjs-core';
import type * as TfLayers from '@tensorflow/tfjs-layers';
import type {} from '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops.js';
import { vendorFile } from '../core/index.js';

/** require() for the optional native packages too (see select.ts); callers only load packages with it. */
export const requirePackage: (id: string) => unknown = createRequire(import.meta.url);

type Tfjs = typeof TfCore & typeof TfLayers;

const core = requirePackage('@tensorflow/tfjs-core') as typeof TfCore;
requirePackage(vendorFile('tfjs-core-registrations.cjs'));
const layers = requirePackage('@tensorflow/tfjs-layers') as typeof TfLayers;
// Register the cpu and wasm backends with the same tfjs-core (CommonJS modules load once per thread).
requirePackage('@tensorflow/tfjs-backend-cpu');
requirePackage('@tensorflow/tfjs-backend-wasm');

/** The TensorFlow.js gridfold trains with: tfjs-layers' exports and tfjs-core's, core's winning a shared name as in the umbrella. */
export const tf: Tfjs = { ...layers, ...core } as Tfjs;

// The types gridfold names as `tf.X`; the namespace holds types only, so it merges with
// the value above instead of emitting code.
export declare namespace tf {
  export type Tensor<R extends TfCore.Rank = TfCore.Rank> = TfCore.Tensor<R>;
  export type Tensor2D = TfCore.Tensor2D;
  export type Scalar = TfCore.Scalar;
  export type Variable = TfCore.Variable;
  export type TensorInfo = TfCore.TensorInfo;
  export type NamedTensorMap = TfCore.NamedTensorMap;
  export type NamedAttrMap = TfCore.NamedAttrMap;
  export type Optimizer = TfCore.Optimizer;
  export type LayersModel = TfLayers.LayersModel;
  export type KernelFunc = TfCore.KernelFunc;
  export type KernelFuncArgs = Parameters<TfCore.KernelFunc>[0];
  export namespace backend_util {
    export type Conv2DInfo = TfCore.backend_util.Conv2DInfo;
    export type ExplicitPadding = TfCore.backend_util.ExplicitPadding;
  }
  export namespace serialization {
    export type ConfigDict = TfCore.serialization.ConfigDict;
    export type SerializableConstructor<T extends TfCore.serialization.Serializable> = TfCore.serialization.SerializableConstructor<T>;
  }
}

export type Tensor = tf.Tensor;
export type Tensor2D = tf.Tensor2D;
export type LayersModel = tf.LayersModel;
export type Optimizer = tf.Optimizer;
