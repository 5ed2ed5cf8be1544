/**
 * "Is the best really better?": each candidate's fold scores against the best's with the
 * corrected resampled t-test. Candidates of different runs are paired only when the runs
 * share their folds (same data, cv, number of splits and seed); otherwise each run's
 * candidates are compared with that run's best.
 */
import type { Candidate, ReportModel } from '../model.js';
import { correctedResampledTTest } from '../stats/corrected-t-test.js';
import { studentTQuantile } from '../stats/student-t.js';
import { median } from '../numbers.js';

export const ALPHA = 0.05;

export type Verdict = 'best' | 'indistinguishable' | 'worse' | 'better' | 'untested';

export interface TTestRow {
  id: number;
  label: string;
  rank: number;
  mean: number;
  /** Id of the best it was compared with. */
  reference: number;
  /** Mean of (candidate − best) over the folds both finished, with its confidence interval. */
  difference: number;
  low: number;
  high: number;
  t: number;
  dof: number;
  p: number;
  verdict: Verdict;
}

export interface TTestData {
  alpha: number;
  /** 'page': everyone against the page's best; 'run': against their own run's best. */
  pairing: 'page' | 'run';
  rows: TTestRow[];
  /** Folds per candidate (the most any run has), the test's degrees of freedom and the |t| it needs. */
  k: number;
  dof: number;
  tCritical: number;
  /** Median half-width of the confidence intervals: differences smaller than about this go unnoticed. */
  detectable: number;
  /** The verdicts that occur, in legend order. */
  verdicts: Verdict[];
}

export function ttestData(model: ReportModel): TTestData {
  const pairing = model.compare && !runsShareFolds(model) ? 'run' : 'page';
  const groups = pairing === 'page' ? [model.candidates] : model.runs.map((_, r) => model.candidates.filter((c) => c.run === r));
  const rows = groups.flatMap((group, g) => {
    const bestId = pairing === 'page' ? model.bestId : model.runBestIds[g];
    const best = group.find((c) => c.id === bestId);
    return group.map((c) => rowOf(c, best, model));
  });
  rows.sort((a, b) => Number(b.verdict === 'best') - Number(a.verdict === 'best') || a.rank - b.rank || a.id - b.id);
  const k = Math.max(0, ...model.runs.map((run) => run.meta.nSplits));
  const dof = Math.max(1, k - 1);
  const detectable = median(rows.filter((r) => r.verdict !== 'best').map((r) => (r.high - r.low) / 2));
  const verdicts = VERDICTS.filter((v) => rows.some((r) => r.verdict === v));
  return { alpha: ALPHA, pairing, rows, k, dof, tCritical: studentTQuantile(1 - ALPHA / 2, dof), detectable, verdicts };
}

const VERDICTS: Verdict[] = ['best', 'indistinguishable', 'worse', 'better', 'untested'];

function rowOf(c: Candidate, best: Candidate | undefined, model: ReportModel): TTestRow {
  const base = { id: c.id, label: c.label, rank: c.rank, mean: c.mean, reference: best?.id ?? -1 };
  if (best === undefined) return { ...base, difference: Number.NaN, low: Number.NaN, high: Number.NaN, t: Number.NaN, dof: 0, p: Number.NaN, verdict: 'untested' };
  if (c.id === best.id) return { ...base, difference: 0, low: 0, high: 0, t: 0, dof: c.splits.length - 1, p: 1, verdict: 'best' };
  const sizes = sizesOf(best, model);
  const test = correctedResampledTTest(c.splits, best.splits, { ...sizes, alpha: ALPHA });
  const verdict: Verdict = Number.isNaN(test.p) ? 'untested' : test.p >= ALPHA ? 'indistinguishable' : test.meanDifference < 0 ? 'worse' : 'better';
  return { ...base, difference: test.meanDifference, low: test.low, high: test.high, t: test.t, dof: test.dof, p: test.p, verdict };
}

/** Training and test sizes of a fold: from the fits, else from the data size and k. */
function sizesOf(c: Candidate, model: ReportModel): { nTrain: number; nTest: number } {
  if (Number.isFinite(c.nTrain) && Number.isFinite(c.nTest)) return { nTrain: c.nTrain, nTest: c.nTest };
  const { data, nSplits } = model.runs[c.run].meta;
  return { nTrain: data.nSamples - data.nSamples / nSplits, nTest: data.nSamples / nSplits };
}

function runsShareFolds(model: ReportModel): boolean {
  const key = (run: ReportModel['runs'][number]) =>
    JSON.stringify([run.meta.data.name, run.meta.data.nSamples, run.meta.cv, run.meta.nSplits, run.meta.seed]);
  return model.runs.every((run) => key(run) === key(model.runs[0]));
}

export const VERDICT_TEXT: Record<Verdict, string> = {
  best: 'best',
  indistinguishable: `not distinguishable from the best (p ≥ ${ALPHA})`,
  worse: `worse than the best (p < ${ALPHA})`,
  better: `better than the best on the folds both finished (p < ${ALPHA})`,
  untested: 'not tested (fewer than 2 finished folds)',
};
