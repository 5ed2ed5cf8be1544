import test from 'ava';
import { InvalidParameterError, messages } from '../../src/core/index.js';
import { formatRankedTable } from '../../src/results/index.js';
import { tinyRun } from '../report/tiny.js';

test('the ranked table lists candidates best first with aligned columns', (t) => {
  const table = formatRankedTable(tinyRun().cvResults);
  t.is(
    table,
    [
      'rank  accuracy (mean ± std)  fit time  lr     units',
      '   1  0.8500 ± 0.0408           2.00s  0.001  64-32',
      '   2  0.8400 ± 0.0163           4.00s  0.01   64-32',
      '   3  failed (1 of 3 folds)     0.50s  0.1    32-16',
    ].join('\n'),
  );
});

test('top cuts the table and says how many are left', (t) => {
  const lines = formatRankedTable(tinyRun().cvResults, { top: 1, scoring: 'accuracy' }).split('\n');
  t.is(lines.length, 3);
  t.is(lines[1], '   1  0.8500 ± 0.0408           2.00s  0.001  64-32');
  t.is(lines[2], '… 2 more (top 1 of 3 shown)');
});

test('bad options are refused with their message', (t) => {
  const cv = tinyRun().cvResults;
  t.throws(() => formatRankedTable(cv, { top: 0 }), { instanceOf: InvalidParameterError, message: messages.invalidValue('formatRankedTable', 'top', 0, 'an integer >= 1') });
  t.throws(() => formatRankedTable(cv, { scoring: 'f1' }), { message: messages.rankedTableScoringUnknown('f1', ['accuracy']) });
  t.throws(() => formatRankedTable(cv, { tpo: 3 } as never), { message: messages.unknownOption('formatRankedTable', 'tpo', ['top', 'scoring']) });
});

test("each candidate's size is a column when the fits counted it (— where none did)", (t) => {
  const cv = tinyRun().cvResults;
  cv.n_parameters = [52_650, Number.NaN, 6_238];
  t.is(
    formatRankedTable(cv),
    [
      'rank  accuracy (mean ± std)  fit time  parameters  lr     units',
      '   1  0.8500 ± 0.0408           2.00s      52,650  0.001  64-32',
      '   2  0.8400 ± 0.0163           4.00s       6,238  0.01   64-32',
      '   3  failed (1 of 3 folds)     0.50s           —  0.1    32-16',
    ].join('\n'),
  );
});

test('parameter values are rounded to 4 significant digits in the table, as a random search draws them', (t) => {
  const cvResults = tinyRun().cvResults;
  const drawn = [0.003436199347937975, 0.09671545583194432, 0.0010179724616770833];
  cvResults.param_lr = drawn;
  cvResults.params = cvResults.params.map((params, i) => ({ ...params, lr: drawn[i] }));
  const table = formatRankedTable(cvResults).split('\n');
  t.deepEqual(table.slice(1).map((line) => line.split(/\s{2,}/).at(-2)), ['0.003436', '0.001018', '0.09672']);
});
