/** The activations and losses the lean step has hand-written gradients for. */
export type LeanActivation = 'linear' | 'relu' | 'elu' | 'tanh' | 'sigmoid' | 'leakyRelu' | 'softmax';
export type LeanLoss = 'softmaxCrossEntropy' | 'negativeLogLikelihood' | 'meanSquaredError';
