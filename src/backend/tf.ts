/**
 * The one place gridfold loads TensorFlow.js. Everything that trains or predicts gets
 * `tf` from here, so there is one engine and one registry of backends per thread.
 *
 * The packages are loaded with require(), not import: Node's ESM loader runs
 * cjs-module-lexer over every CommonJS file it imports to find its named exports, and
 * over tfjs' 6 MB of bundles: 0.55 s of each worker thread's start, 0.8 s when two
 * threads start at once. require() takes 0.14–0.18 s. (@tensorflow/tfjs, not just core and
 * layers: its bundle is what registers the gradients and the chained tensor methods.)
 */
import { createRequire } from 'node:module';
import type * as Tfjs from '@tensorflow/tfjs';

/** require() for the optional native packages too (see select.ts). */
export const requirePackage = createRequire(import.meta.url);

export const tf = requirePackage('@tensorflow/tfjs') as typeof Tfjs;
// Registers the wasm backend with the same tfjs-core (CommonJS modules load once per thread).
requirePackage('@tensorflow/tfjs-backend-wasm');

// The types gridfold names as `tf.X`; the namespace holds types only, so it merges with
// the value above instead of emitting code.
export declare namespace tf {
  export type Tensor<R extends Tfjs.Rank = Tfjs.Rank> = Tfjs.Tensor<R>;
  export type Tensor2D = Tfjs.Tensor2D;
  export type Scalar = Tfjs.Scalar;
  export type Variable = Tfjs.Variable;
  export type TensorInfo = Tfjs.TensorInfo;
  export type NamedTensorMap = Tfjs.NamedTensorMap;
  export type NamedAttrMap = Tfjs.NamedAttrMap;
  export type Optimizer = Tfjs.Optimizer;
  export type LayersModel = Tfjs.LayersModel;
  export namespace serialization {
    export type ConfigDict = Tfjs.serialization.ConfigDict;
    export type SerializableConstructor<T extends Tfjs.serialization.Serializable> = Tfjs.serialization.SerializableConstructor<T>;
  }
}

export type Tensor = tf.Tensor;
export type Tensor2D = tf.Tensor2D;
export type LayersModel = tf.LayersModel;
export type Optimizer = tf.Optimizer;
