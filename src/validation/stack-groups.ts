/**
 * Which pending fits train together as one stacked model (estimators/lean/fold-batch.ts),
 * and in what order the units go out. A unit is the pending folds of one candidate, or of
 * several candidates whose settings differ only in what a stack can hold per fit:
 * initialisation, seed and — with SGD (plain or momentum), whose update takes a rate per
 * fit — learning rate. The trainer re-checks everything and trains apart, with the reason,
 * where the models turn out not to match.
 *
 * Candidates merge with foldBatching true, and with 'auto' on a native backend only: on
 * wasm one stack of 12 fits (4 lr candidates) measured 0.96–1.16× four stacks of 3
 * (bench/fold-batch.ts), no gain worth a bigger unit; fewer, bigger kernels are what a GPU
 * wants. Merging trades parallelism for fewer, bigger kernels, so on a pool a unit
 * may cost at most a quarter of a worker's fair share (total / (2 × workers)), or one
 * candidate's folds if that is more; run serially (one job, or a native backend, which
 * runs one fit at a time in-process) only MAX_STACKED_FITS bounds it — every fit's
 * training rows are uploaded to the device.
 */
import { estimateFitCost, fusedStepTrains, macsPerSample, whyStackingDoesNotPay } from '../estimators/index.js';
import { initBackend } from '../backend/index.js';
import type { FoldBatching } from './options.js';
import type { FitTask, SearchData } from './task.js';

/** Parameters in which candidates of one stack may differ; lr only with optimizer 'sgd'. */
export const PER_FIT_PARAMS: readonly string[] = ['seed', 'module.init'];

/** The most fits one stacked model trains. */
export const MAX_STACKED_FITS = 16;

export interface StackContext {
  foldBatching: FoldBatching;
  data: SearchData;
  nClasses?: number;
  nJobs: number;
}

/**
 * Candidate index → the id of its stack (its unit) for the candidates whose pending folds
 * train stacked: all with foldBatching true, none with false, and with 'auto' those the
 * backend stacks faster than it trains apart (`notStackedReasons`, bench/fold-batch.ts).
 */
export async function stackGroups(o: StackContext, pending: readonly FitTask[]): Promise<Map<number, number>> {
  const groups = new Map<number, number>();
  if (o.foldBatching === false) return groups;
  const backend = await initBackend();
  const { sampleShape, nOutputs } = layerEnds(o);
  const byCandidate = new Map<number, FitTask[]>();
  for (const task of pending) byCandidate.set(task.candidateIndex, [...(byCandidate.get(task.candidateIndex) ?? []), task]);
  const cost = (tasks: readonly FitTask[]) => tasks.reduce((sum, t) => sum + fitCost(t, sampleShape, nOutputs), 0);
  const serial = o.nJobs === 1 || backend.native;
  const declined = await notStackedReasons(o, pending);
  const mergeCandidates = o.foldBatching === true || backend.native;
  const costCap = serial ? Number.POSITIVE_INFINITY : cost(pending) / (2 * o.nJobs);

  // Stackable candidates, by the settings they must share.
  const families = new Map<string, number[]>();
  for (const [candidate, tasks] of byCandidate) {
    const params = tasks[0].estimator.params;
    if (declined.has(candidate)) continue;
    const key = mergeCandidates ? familyKey(tasks[0]) : `candidate ${candidate}`;
    families.set(key, [...(families.get(key) ?? []), candidate]);
  }
  for (const members of families.values()) {
    let unit: number[] = [];
    let unitFits = 0;
    let unitCost = 0;
    for (const candidate of members) {
      const tasks = byCandidate.get(candidate)!;
      const fits = unitFits + tasks.length;
      if (unit.length > 0 && (fits > MAX_STACKED_FITS || unitCost + cost(tasks) > costCap)) {
        unit = [];
        unitFits = 0;
        unitCost = 0;
      }
      unit.push(candidate);
      unitFits += tasks.length;
      unitCost += cost(tasks);
      groups.set(candidate, unit[0]);
    }
  }
  return groups;
}

/**
 * Candidate index → why 'auto' trains its folds apart (kept in each record's notBatched):
 * the backend or the model's size, where stacking measured no faster.
 */
export async function notStackedReasons(o: StackContext, pending: readonly FitTask[]): Promise<Map<number, string>> {
  const reasons = new Map<number, string>();
  if (o.foldBatching !== 'auto' || pending.length === 0) return reasons;
  const backend = await initBackend();
  const { sampleShape, nOutputs } = layerEnds(o);
  for (const task of pending) {
    if (reasons.has(task.candidateIndex)) continue;
    const { className, params } = task.estimator;
    const why = whyStackingDoesNotPay(backend.name, macsPerSample(params, sampleShape, nOutputs), fusedStepTrains(className, params));
    if (why) reasons.set(task.candidateIndex, why);
  }
  return reasons;
}

/**
 * Longest units first (stable): a pool then ends with short fits on every core. A stack is
 * one unit costed as the sum of its fits, so its tasks sort together by it.
 */
export function longestFirst(tasks: readonly FitTask[], o: Pick<StackContext, 'data' | 'nClasses'>, groups: ReadonlyMap<number, number>): FitTask[] {
  const { sampleShape, nOutputs } = layerEnds(o);
  const stackCost = new Map<number, number>();
  for (const t of tasks) {
    const group = groups.get(t.candidateIndex);
    if (group !== undefined) stackCost.set(group, (stackCost.get(group) ?? 0) + fitCost(t, sampleShape, nOutputs));
  }
  const costOf = (t: FitTask) => {
    const group = groups.get(t.candidateIndex);
    return group === undefined ? fitCost(t, sampleShape, nOutputs) : stackCost.get(group)!;
  };
  const unitOf = (t: FitTask) => groups.get(t.candidateIndex) ?? -1;
  return tasks.map((task, index) => ({ task, index }))
    // Equal costs: a stack's tasks stay together, in task order.
    .sort((a, b) => costOf(b.task) - costOf(a.task) || unitOf(a.task) - unitOf(b.task) || a.index - b.index)
    .map((e) => e.task);
}

/** The candidate's spec without the parameters a stack holds per fit. */
function familyKey(task: FitTask): string {
  const params = task.estimator.params;
  const perFit = params.optimizer === 'sgd' ? [...PER_FIT_PARAMS, 'lr'] : PER_FIT_PARAMS;
  const shared = Object.entries(params).filter(([name]) => !perFit.includes(name)).sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([task.estimator.className, shared, task.nClasses]);
}

function fitCost(task: FitTask, sampleShape: readonly number[], nOutputs: number): number {
  return estimateFitCost(task.estimator.params, sampleShape, nOutputs, task.train.length);
}

/** What a model takes and gives on this data (one sample's shape, the outputs), for estimating its size. */
export function layerEnds(o: Pick<StackContext, 'data' | 'nClasses'>): { sampleShape: readonly number[]; nOutputs: number } {
  return { sampleShape: o.data.X.sampleShape, nOutputs: o.nClasses ?? 1 };
}
