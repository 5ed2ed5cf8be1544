import test from 'ava';
import {
  formatDuration, formatNumber, formatParamText, formatParamValue, formatParams, pythonNumber, pythonRepr, pythonStr,
} from '../../src/results/index.js';
import { formatParamShort } from '../../src/results/format.js';

test('formatParamValue shows arrays joined by dashes and missing values as null', (t) => {
  t.is(formatParamValue([64, 32]), '64-32');
  t.is(formatParamValue(['relu', 'tanh']), 'relu-tanh');
  t.is(formatParamValue([[1, 2], [3]]), '[[1,2],[3]]');
  t.is(formatParamValue(undefined), null);
  t.is(formatParamValue(null), null);
  t.is(formatParamValue(0.01), 0.01);
  t.is(formatParamValue(true), true);
  t.is(formatParamValue('normal'), 'normal');
  t.is(formatParamValue({ momentum: 0.9 }), '{"momentum":0.9}');
  t.is(formatParamText(undefined), '');
  t.is(formatParams({ 'module.hiddenUnits': [64, 32], lr: 0.01 }), '{module.hiddenUnits: 64-32, lr: 0.01}');
});

test('pythonRepr writes what pandas shows for a params dict', (t) => {
  t.is(pythonRepr({ 'module.hiddenUnits': [32, 16], 'module.init': 'default' }), "{'module.hiddenUnits': [32, 16], 'module.init': 'default'}");
  t.is(pythonRepr({ a: true, b: false, c: null, d: undefined }), "{'a': True, 'b': False, 'c': None, 'd': None}");
  t.is(pythonRepr("it's"), '"it\'s"');
  t.is(pythonRepr('say "hi" it\'s'), "'say \"hi\" it\\'s'");
  t.is(pythonRepr('a\\b\nc'), "'a\\\\b\\nc'");
  t.is(pythonStr('plain'), 'plain');
  t.is(pythonStr([1, 'a']), "[1, 'a']");
});

test('pythonNumber matches Python float repr', (t) => {
  t.is(pythonNumber(0.01), '0.01');
  t.is(pythonNumber(0.0001), '0.0001');
  t.is(pythonNumber(0.00001), '1e-05');
  t.is(pythonNumber(1.5e-7), '1.5e-07');
  t.is(pythonNumber(1e16), '1e+16');
  t.is(pythonNumber(123456789012345680), '1.2345678901234568e+17');
  t.is(pythonNumber(32), '32');
  t.is(pythonNumber(Number.NaN), 'nan');
  t.is(pythonNumber(-Infinity), '-inf');
  t.is(pythonNumber(-0), '-0.0');
});

test('formatNumber and formatDuration', (t) => {
  t.is(formatNumber(0.923456), '0.9235');
  t.is(formatNumber(12), '12');
  t.is(formatNumber(123456.78), '123456.8');
  t.is(formatNumber(0.000012346), '0.00001235');
  t.is(formatNumber(Number.NaN), 'NaN');
  t.is(formatDuration(0.523), '0.52s');
  t.is(formatDuration(12.34), '12.3s');
  t.is(formatDuration(59.97), '1m 00s');
  t.is(formatDuration(123.4), '2m 03s');
  t.is(formatDuration(3725), '1h 02m');
});

test("a cnn's blocks show as the seed writes DemoNetwork, not as JSON", (t) => {
  const demo = [
    { filters: 16, kernel: 3, padding: 'same', pool: 2 }, { filters: 32, kernel: 3, pool: 2, poolPadding: 1 }, { filters: 8, kernel: 1 }, { filters: 4, kernel: 5 },
  ];
  t.is(formatParamShort(demo), '16@3×3 same ↓2 → 32@3×3 ↓2 pad 1 → 8@1×1 → 4@5×5');
  t.is(formatParamShort([{ filters: 8, kernel: 5, stride: 2, padding: 'valid', pool: 3, poolStride: 2 }]), '8@5×5/2 ↓3/2');
  // Other lists of objects stay JSON.
  t.is(formatParamShort([{ units: 3 }]), '[{"units":3}]');
});
