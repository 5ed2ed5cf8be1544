import test from 'ava';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FitRecord } from '../../src/core/index.js';
import { liveReport } from '../../src/cli/live-report.js';
import { GridSearchCV } from '../../src/search/index.js';
import { NeuralNetClassifier } from '../../src/estimators/index.js';
import { makeMoons } from '../../src/data/index.js';
import { initBackend } from '../../src/backend/index.js';
import { renderReport } from '../../src/report/index.js';
import { liveText } from '../../src/report/html/live-banner.js';
import { tinyRun } from '../report/tiny.js';
import { tempDir } from './helpers.js';

const progressOf = (candidateIndex: number, foldIndex: number, done: number, total: number) => ({
  done, total, resumed: 0, record: { candidateIndex, foldIndex } as FitRecord,
});

test('the page is first written when a candidate has all its folds, then at most once per interval, never after the last fit', async (t) => {
  const dir = join(tempDir('live'), 'run');
  let clock = 0;
  const live = liveReport({ dir, snapshot: () => tinyRun(), name: (run) => run, total: 9, nSplits: 3, say: () => {}, intervalMs: 1000, now: () => clock });
  const page = () => join(dir, 'index.html');
  live.onProgress(progressOf(0, 0, 1, 9));
  live.onProgress(progressOf(1, 0, 2, 9));
  live.onProgress(progressOf(0, 1, 3, 9));
  t.false(existsSync(page()), 'no candidate finished yet');
  clock = 300;
  live.onProgress(progressOf(0, 2, 4, 9));
  await live.close();
  t.is(live.writes, 1);
  const html = readFileSync(page(), 'utf8');
  // 4 fits in 0.3 s, 5 to go: 0.375 s left.
  t.true(html.includes(liveText({ done: 4, total: 9, etaSeconds: 0 })), 'ETA 00:00 (rounded)');
  t.is(html, renderReport(tinyRun(), { live: { done: 4, total: 9, etaSeconds: (0.3 / 4) * 5 } }));

  const again = liveReport({ dir, snapshot: () => tinyRun(), name: (run) => run, total: 9, nSplits: 3, say: () => {}, intervalMs: 1000, now: () => clock });
  clock = 0;
  for (let k = 0; k < 3; k++) again.onProgress(progressOf(0, k, k + 1, 9));
  await again.settled();
  clock = 500;
  again.onProgress(progressOf(1, 0, 4, 9));
  await again.settled();
  t.is(again.writes, 1, 'within the interval: not rewritten');
  clock = 1500;
  again.onProgress(progressOf(1, 1, 5, 9));
  await again.settled();
  t.is(again.writes, 2);
  clock = 5000;
  again.onProgress(progressOf(1, 2, 9, 9));
  await again.close();
  t.is(again.writes, 2, 'the last fit leaves the page to the final report');
  again.onProgress(progressOf(2, 0, 9, 9));
  t.is(again.writes, 2, 'closed');
});

test('a run stopped early leaves a last page that says so, with the resume command, and no reload; nothing before a candidate finished', async (t) => {
  const dir = join(tempDir('live'), 'run');
  let clock = 0;
  const resume = 'gridfold run searches/x.ts --resume';
  const early = liveReport({ dir, snapshot: () => tinyRun(), name: (run) => run, total: 9, nSplits: 3, say: () => {}, intervalMs: 1000, now: () => clock });
  early.onProgress(progressOf(0, 0, 1, 9));
  await early.stop(resume);
  t.is(early.writes, 0, 'no candidate had all its folds');
  t.false(existsSync(join(dir, 'index.html')));

  const live = liveReport({ dir, snapshot: () => tinyRun(), name: (run) => run, total: 9, nSplits: 3, say: () => {}, intervalMs: 1000, now: () => clock });
  for (let k = 0; k < 3; k++) live.onProgress(progressOf(0, k, k + 1, 9));
  await live.settled();
  t.is(live.writes, 1);
  clock = 100;
  // Within the interval: not written while running, but the stop writes the fits done by then.
  live.onProgress(progressOf(1, 0, 4, 9));
  live.onProgress(progressOf(1, 1, 5, 9));
  await live.stop(resume);
  t.is(live.writes, 2);
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  t.is(html, renderReport(tinyRun(), { live: { done: 5, total: 9, stopped: resume } }));
  t.true(html.includes(`>${liveText({ done: 5, total: 9, stopped: resume })} — `));
  t.true(html.includes(`<code>${resume}</code>`));
  t.false(html.includes('id="live-reload"'), 'a stopped page does not reload');
  await live.close();
  t.is(live.writes, 2);
});

test('a write that fails is said once and the search goes on', async (t) => {
  const said: string[] = [];
  const file = join(tempDir('live'), 'a-file');
  await import('node:fs/promises').then((fs) => fs.writeFile(file, 'not a folder'));
  const live = liveReport({ dir: join(file, 'run'), snapshot: () => tinyRun(), name: (run) => run, total: 9, nSplits: 1, say: (line) => said.push(line), intervalMs: 0 });
  live.onProgress(progressOf(0, 0, 1, 9));
  await live.settled();
  live.onProgress(progressOf(1, 0, 2, 9));
  await live.close();
  t.is(live.writes, 0);
  t.is(said.length, 1);
  t.true(said[0].includes('the live report could not be written'), said[0]);
});

test('a real search: the page written mid-run holds the candidates finished so far and the banner', async (t) => {
  await initBackend('wasm');
  const dir = join(tempDir('live'), 'run');
  const moons = makeMoons({ nSamples: 60, noise: 0.1, seed: 0 });
  let live: ReturnType<typeof liveReport> | undefined;
  const search = new GridSearchCV(new NeuralNetClassifier({ maxEpochs: 1, batchSize: 16, trainSplit: 0, 'module.hiddenUnits': [4] }), { lr: [0.3, 0.1, 0.01] }, {
    cv: 3, nJobs: 1, refit: false, onProgress: (progress) => live!.onProgress(progress),
  });
  live = liveReport({ dir, snapshot: () => search.snapshot(), name: (run) => ({ ...run, meta: { ...run.meta, name: 'live-test' } }), total: 9, nSplits: 3, say: () => {}, intervalMs: 0 });
  await search.fit(moons.X, moons.y);
  await live.close();
  t.true(live.writes >= 1);
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  t.regex(html, /id="live-banner"[^>]*>running: [3-8]\/9 fits/);
  t.true(html.includes('<h1>live-test</h1>'));
});
