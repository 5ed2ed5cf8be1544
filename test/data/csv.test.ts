import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataError, InvalidParameterError, messages } from '../../src/core/index.js';
import { loadCsv, parseCsv, type LoadCsvOptions } from '../../src/data/index.js';

const dir = mkdtempSync(join(tmpdir(), 'gridfold-csv-'));
let counter = 0;
function csvFile(text: string, name = `data${counter++}.csv`): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

test('parseCsv: quoted fields, escaped quotes, CRLF, line breaks inside quotes, blank lines', (t) => {
  const text = 'a,b,c\r\n"x, y","say ""hi""",3\r\n\r\n"two\nlines",,"" \n4,5,6';
  t.throws(() => parseCsv(text), { message: messages.csvTextAfterQuote('CSV text', 5) });
  const fixed = text.replace('"" \n', '""\n');
  const { records, lines } = parseCsv(fixed);
  t.deepEqual(records, [['a', 'b', 'c'], ['x, y', 'say "hi"', '3'], ['two\nlines', '', ''], ['4', '5', '6']]);
  t.deepEqual(lines, [1, 2, 4, 6]);
  t.deepEqual(parseCsv('a;b\n1;2\n', ';').records, [['a', 'b'], ['1', '2']]);
  t.deepEqual(parseCsv('a"b,c\n').records, [['a"b', 'c']]);
  t.deepEqual(parseCsv('""\n').records, [['']]);
  t.throws(() => parseCsv('a,"b\nc', ',', 'f.csv'), { instanceOf: DataError, message: 'loadCsv: f.csv: the quoted field starting on line 1 is never closed.' });
});

test('numeric labels 0..99 become ids of their sorted values, as fit encodes them; features keep their column order', (t) => {
  const path = csvFile('x1,label,x2\n0.5,2,1\n1.5,0,-2e1\n"3",2,.25\n');
  const data = loadCsv(path, { target: 'label' });
  t.is(data.task, 'classification');
  t.deepEqual(data.y, Int32Array.of(1, 0, 1));
  t.deepEqual(data.classes, [0, 2]);
  t.deepEqual(data.X, Float32Array.of(0.5, 1, 1.5, -20, 3, 0.25));
  t.deepEqual(data.shape, [3, 2]);
  t.deepEqual(data.featureNames, ['x1', 'x2']);
  t.is(data.name, path.slice(dir.length + 1, -4));
  t.deepEqual(loadCsv(path, { target: 1 }), data);
});

test('string labels map to ids in sorted order; classes keeps the labels', (t) => {
  const data = loadCsv(csvFile('f,species\n1,virginica\n2,setosa\n3, versicolor\n4,setosa\n'), { target: 'species' });
  t.deepEqual(data.classes, ['setosa', 'versicolor', 'virginica']);
  t.deepEqual(data.y, Int32Array.of(2, 0, 1, 0));
  const signs = loadCsv(csvFile('f,s\n1,-1\n2,1\n3,-1\n'), { target: 's', task: 'classification' });
  t.deepEqual(signs.classes, [-1, 1]);
  t.deepEqual(signs.y, Int32Array.of(0, 1, 0));
});

test('regression: inferred for non-integer or large targets, or asked for', (t) => {
  const floats = loadCsv(csvFile('a,b,price\n1,2,10.5\n3,4,-1\n'), { target: 'price' });
  t.is(floats.task, 'regression');
  t.deepEqual(floats.y, Float32Array.of(10.5, -1));
  t.is(floats.classes, undefined);
  t.is(loadCsv(csvFile('a,n\n1,5\n2,100\n'), { target: 'n' }).task, 'regression');
  t.is(loadCsv(csvFile('a,n\n1,5\n2,7\n'), { target: 'n', task: 'regression' }).task, 'regression');
  const path = csvFile('a,y\n1,2\n2,high\n');
  t.throws(() => loadCsv(path, { target: 'y', task: 'regression' }), { instanceOf: DataError, message: messages.csvTargetNotNumeric(path, 3, 'y', 'high') });
});

test('header: false names columns by index; another delimiter', (t) => {
  const data = loadCsv(csvFile('1;2;0\n3;4;1\n'), { target: 2, header: false, delimiter: ';' });
  t.deepEqual(data.X, Float32Array.of(1, 2, 3, 4));
  t.deepEqual(data.featureNames, ['0', '1']);
  t.deepEqual(data.y, Int32Array.of(0, 1));
});

test('a non-numeric feature cell names its line in the file and its column', (t) => {
  const path = csvFile('age,"note\nmore",y\n31,1,"two\nlines"\n29,abc,one\n');
  t.throws(() => loadCsv(path, { target: 'y' }), { instanceOf: DataError, message: messages.csvNotNumeric(path, 5, 'note\nmore', 'abc') });
  const empty = csvFile('a,b,y\n1,,0\n');
  t.throws(() => loadCsv(empty, { target: 'y' }), { message: `loadCsv: ${empty} line 2, column "b": "" is not a finite number; feature columns must be numeric.` });
  const hex = csvFile('a,y\n0x10,0\n');
  t.throws(() => loadCsv(hex, { target: 'y' }), { message: messages.csvNotNumeric(hex, 2, 'a', '0x10') });
});

test('file-level errors: missing target, ragged row, no rows, empty label, unreadable file', (t) => {
  const path = csvFile('a,b,c\n1,2,3\n');
  t.throws(() => loadCsv(path, { target: 'label' }), { instanceOf: DataError, message: `loadCsv: target column "label" is not in ${path}; its columns are: a, b, c.` });
  t.throws(() => loadCsv(path, { target: 3 }), { message: messages.csvTargetMissing(path, 3, ['a', 'b', 'c']) });
  const ragged = csvFile('a,b\n1,2\n3\n');
  t.throws(() => loadCsv(ragged, { target: 'b' }), { message: messages.csvRaggedRow(ragged, 3, 1, 2) });
  const headerOnly = csvFile('a,b\n');
  t.throws(() => loadCsv(headerOnly, { target: 'b' }), { message: messages.csvNoRows(headerOnly) });
  const nothing = csvFile('');
  t.throws(() => loadCsv(nothing, { target: 'b' }), { message: messages.csvNoRows(nothing) });
  const onlyTarget = csvFile('y\n1\n');
  t.throws(() => loadCsv(onlyTarget, { target: 'y' }), { message: messages.csvNoFeatures(onlyTarget, 'y') });
  const noLabel = csvFile('a,y\n1,cat\n2, \n');
  t.throws(() => loadCsv(noLabel, { target: 'y' }), { message: messages.csvTargetEmpty(noLabel, 3, 'y') });
  const missing = join(dir, 'nope.csv');
  const error = t.throws(() => loadCsv(missing, { target: 'y' }), { instanceOf: DataError });
  t.true(error?.message.startsWith(`loadCsv: cannot read ${missing}: ENOENT`));
});

test('bad options', (t) => {
  const path = csvFile('a,y\n1,0\n');
  t.throws(() => loadCsv(path, { target: '' }), { instanceOf: InvalidParameterError, message: messages.invalidValue('loadCsv', 'target', '', 'a column name or a 0-based column index') });
  t.throws(() => loadCsv(path, { target: 'y', delimiter: '"' }), { message: messages.invalidValue('loadCsv', 'delimiter', '"', 'one character other than a quote or a line end') });
  t.throws(() => loadCsv(path, { target: 'y', task: 'ranking' } as unknown as LoadCsvOptions), {
    message: 'loadCsv: task must be one of classification or regression; got "ranking".',
  });
  t.throws(() => loadCsv(path, { target: 'y', sep: ';' } as unknown as LoadCsvOptions), {
    message: "loadCsv: unknown option 'sep'. Valid options are: target, header, delimiter, task.",
  });
});
