import test from 'ava';
import { collectWarnings, warn, withWarningSink, type GridfoldWarning } from '../../src/core/warnings.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

test.serial('without a sink a warning is a Node process warning named by its kind', async (t) => {
  const seen: Error[] = [];
  const listener = (warning: Error) => void seen.push(warning);
  process.on('warning', listener);
  warn('UserWarning', 'a grid smaller than nIter');
  await new Promise((resolve) => setImmediate(resolve));
  process.off('warning', listener);
  t.deepEqual(seen.map((w) => [w.name, w.message]), [['UserWarning', 'a grid smaller than nIter']]);
});

test('a sink sees the warnings raised inside its work, across awaits, and no one else does', async (t) => {
  const outer: GridfoldWarning[] = [];
  const [a, b] = await withWarningSink((w) => void outer.push(w), () =>
    Promise.all([
      collectWarnings(async () => {
        warn('FitFailedWarning', 'a1');
        await tick();
        warn('GridfoldWarning', 'a2');
        return 'a';
      }),
      collectWarnings(async () => {
        await tick();
        warn('UserWarning', 'b1');
        return 'b';
      }),
    ]),
  );
  t.deepEqual(a, { result: 'a', warnings: [{ kind: 'FitFailedWarning', message: 'a1' }, { kind: 'GridfoldWarning', message: 'a2' }] });
  t.deepEqual(b, { result: 'b', warnings: [{ kind: 'UserWarning', message: 'b1' }] });
  t.deepEqual(outer, [], 'the innermost sink takes the warning');
});
