/** The lean step's activation gradients, shared by its Dense layers (step.ts) and convs (conv-step.ts). */
import { tf, type Tensor } from '../../backend/index.js';
import type { LeanActivation } from './types.js';

/** dL/d(pre-activation) from dL/d(output), written with the layer's output y as tfjs' own gradients are. */
export function activationGradient(layer: { activation: LeanActivation; alpha: number }, y: Tensor, dy: Tensor): Tensor {
  switch (layer.activation) {
    case 'linear':
      return dy;
    case 'relu':
      return tf.mul(dy, tf.step(y));
    case 'leakyRelu':
      return tf.where(tf.greater(y, 0), dy, tf.mul(dy, layer.alpha));
    case 'elu':
      return tf.engine().runKernel('EluGrad', { dy, y }) as Tensor;
    case 'tanh':
      return tf.mul(dy, tf.sub(1, tf.square(y)));
    case 'sigmoid':
      return tf.mul(dy, tf.mul(y, tf.sub(1, y)));
    case 'softmax':
      // y ⊙ (dy − Σ_row dy ⊙ y): the softmax Jacobian applied to dy, row by row.
      return tf.mul(y, tf.sub(dy, tf.sum(tf.mul(dy, y), -1, true)));
  }
}
