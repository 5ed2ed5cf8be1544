import test from 'ava';
import { NeuralNetClassifier, NeuralNetRegressor, EarlyStopping } from '../../src/estimators/index.js';
import { InvalidParameterError, messages } from '../../src/core/index.js';

test('an estimator is its parameters: defaults, getParams, setParams', (t) => {
  const net = new NeuralNetClassifier({ 'module.hiddenUnits': [8, 4], lr: 0.1 });
  const params = net.getParams();
  t.deepEqual(params['module.hiddenUnits'], [8, 4]);
  t.is(params.lr, 0.1);
  t.is(params.module, 'mlp');
  t.is(params.optimizer, 'sgd');
  t.is(params.loss, 'crossEntropy');
  t.is(params.batchSize, 128);
  t.is(params.trainSplit, 0.2);
  t.is(params['module.activation'], 'relu');
  net.setParams({ 'optimizer.momentum': 0.9, optimizer: 'adam' });
  t.is(net.getParams()['optimizer.momentum'], 0.9);
  t.is(net.getParams().optimizer, 'adam');
  t.is(new NeuralNetRegressor().getParams().loss, 'mse');
});

test('an unknown parameter is refused with the valid ones listed', (t) => {
  const net = new NeuralNetClassifier();
  const error = t.throws(() => net.setParams({ learningRate: 0.1 }), { instanceOf: InvalidParameterError });
  t.true(error.message.startsWith("Invalid parameter 'learningRate' for NeuralNetClassifier. Valid parameters are: batchSize, callbacks, loss, lr, maxEpochs, module, module.activation,"));
  t.throws(() => new NeuralNetClassifier({ 'module.units': 3 }), { message: /Invalid parameter 'module.units' for NeuralNetClassifier/ });
});

test('bad values name the parameter, show the value and say what is accepted', (t) => {
  t.throws(() => new NeuralNetClassifier({ lr: -1 }), { message: messages.invalidValue('NeuralNetClassifier', 'lr', -1, 'a number > 0') });
  t.throws(() => new NeuralNetClassifier({ optimizer: 'adamw' }), {
    message: 'NeuralNetClassifier: optimizer must be one of sgd, adam, rmsprop or adagrad; got "adamw".',
  });
  t.throws(() => new NeuralNetClassifier({ 'module.hiddenUnits': [8, 0] }), {
    message: 'NeuralNetClassifier: module.hiddenUnits must be an array of positive integers, e.g. [128, 64] (may be empty); got [8, 0].',
  });
  t.throws(() => new NeuralNetClassifier({ batchSize: 1.5 }), { message: 'NeuralNetClassifier: batchSize must be an integer >= 1; got 1.5.' });
  t.throws(() => new NeuralNetRegressor({ loss: 'crossEntropy' }), { message: 'NeuralNetRegressor: loss must be one of mse, mae or huber; got "crossEntropy".' });
  t.throws(() => new NeuralNetClassifier({ module: 'resnet' }), { message: /^module must be one of mlp or cnn, a module from defineModule\(\)/ });
  t.throws(() => new NeuralNetClassifier({ callbacks: [1] }), { message: messages.callbackBad([1]) });
});

test('clone gives equal params and fresh callbacks', (t) => {
  const stopper = new EarlyStopping({ patience: 2 });
  const net = new NeuralNetClassifier({ callbacks: [stopper], seed: 3 });
  const copy = net.clone();
  t.not(copy, net);
  t.is(copy.getParams().seed, 3);
  const callbacks = copy.getParams().callbacks as EarlyStopping[];
  t.not(callbacks[0], stopper);
  t.is(callbacks[0].patience, 2);
});

test('toSpec is plain data that rebuilds the estimator', (t) => {
  const net = new NeuralNetClassifier({ callbacks: [new EarlyStopping({ patience: 4 })] });
  const spec = net.toSpec();
  t.deepEqual(JSON.parse(JSON.stringify(spec)), spec);
  t.deepEqual(spec.params.callbacks, [{ type: 'EarlyStopping', options: { monitor: 'valid_loss', patience: 4, minDelta: 1e-4, restoreBest: false } }]);
});

test('callback options are checked', (t) => {
  t.throws(() => new EarlyStopping({ patience: 0 }), { message: 'EarlyStopping: patience must be an integer >= 1; got 0.' });
  t.throws(() => new EarlyStopping({ paitence: 3 } as never), { message: /EarlyStopping: unknown option 'paitence'/ });
});

test('module.dropout is a rate in [0, 1): tfjs would take 1 as no dropout at all', (t) => {
  for (const rate of [1, 1.5, -0.1]) {
    t.throws(() => new NeuralNetClassifier({ 'module.dropout': rate }), { instanceOf: InvalidParameterError, message: messages.invalidValue('NeuralNetClassifier', 'module.dropout', rate, 'a number in [0, 1)') });
  }
  t.throws(() => new NeuralNetClassifier({ module: 'cnn', 'module.dropout': 1 }), { message: messages.invalidValue('NeuralNetClassifier', 'module.dropout', 1, 'a number in [0, 1)') });
  t.is(new NeuralNetClassifier({ 'module.dropout': 0.99 }).getParams()['module.dropout'], 0.99);
  t.is(messages.describeRange('a number', 0, 1, false, true), 'a number in [0, 1)');
});
