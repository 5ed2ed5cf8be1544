/**
 * The command line's side of a distributed run: loading src/distributed (and so bullmq and
 * ioredis) only when --redis is given, the coordinator's executor for `gridfold run`, and
 * how `gridfold worker` finds, checks and loads the run's search file and data.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { GridfoldError, InvalidParameterError, RunMismatchError, UsageError, messages } from '../core/index.js';
import { checkXy } from '../data/index.js';
import { resolveScoring } from '../scoring/index.js';
import { dataFingerprint } from '../results/journal.js';
import { VERSION } from '../version.js';
import type { JoinedRun, RunManifest } from '../distributed/index.js';
import { createEstimator, loadSearchData, type Overrides } from './create-search.js';
import { loadSearchFile } from './load-search.js';

type Distributed = typeof import('../distributed/index.js');

/** src/distributed, or a message naming the optional package that is missing. */
export async function loadDistributed(): Promise<Distributed> {
  try {
    return await import('../distributed/index.js');
  } catch (error) {
    const missing = /Cannot find (?:package|module) '(bullmq|ioredis)'/.exec((error as Error).message ?? '')?.[1];
    if (missing) throw new GridfoldError(messages.distributedNotInstalled(missing));
    throw error;
  }
}

/** The URL and queue flags, checked: bad ones are usage errors (exit 2). */
export function redisFlags(d: Distributed, command: string, url: string, queue: string | undefined): { target: ReturnType<Distributed['parseRedisUrl']>; queue: string } {
  try {
    return { target: d.parseRedisUrl(url), queue: d.checkQueueName(queue ?? d.DEFAULT_QUEUE) };
  } catch (error) {
    if (error instanceof InvalidParameterError) throw new UsageError(messages.cliCommandFailed(command, error.message));
    throw error;
  }
}

export function fileSha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** What identifies a search file to the workers: its name and its content's hash. */
export function searchIdentity(file: string): RunManifest['search'] {
  return { file: basename(file), sha256: fileSha256(resolve(file)) };
}

const PLAIN_FILE_NAME = /^[A-Za-z0-9._-]+\.(ts|mts|cts|js|mjs|cjs)$/;

/**
 * The run's search file on this machine: one named with --search, else ./searches/<name>,
 * else ./<name> — never a path taken from the queue — and only if its content hash is the
 * coordinator's (checked before the file is imported).
 */
export function findSearchFile(manifest: RunManifest, given: readonly string[], cwd = process.cwd()): string {
  const wanted = manifest.search;
  if (!PLAIN_FILE_NAME.test(wanted.file)) throw new RunMismatchError(messages.workerSearchNameInvalid(wanted.file));
  const candidates = [
    ...given.map((file) => resolve(cwd, file)),
    join(cwd, 'searches', wanted.file),
    join(cwd, wanted.file),
  ].filter((path, i, all) => all.indexOf(path) === i);
  const present = candidates.filter((path) => existsSync(path) && statSync(path).isFile());
  const matching = present.find((path) => fileSha256(path) === wanted.sha256);
  if (matching) return matching;
  const sameName = present.find((path) => basename(path) === wanted.file) ?? (given.length === 1 ? present[0] : undefined);
  if (sameName) throw new RunMismatchError(messages.workerSearchHashMismatch(sameName, wanted.sha256, fileSha256(sameName)));
  throw new RunMismatchError(messages.workerSearchNotFound(wanted.file, candidates));
}

/** The worker's checks of a run, in order — version, search file, data — then its data and scorers. */
export async function joinRun(manifest: RunManifest, given: readonly string[]): Promise<JoinedRun> {
  if (manifest.version !== VERSION) throw new RunMismatchError(messages.workerVersionMismatch(manifest.version, VERSION));
  const file = findSearchFile(manifest, given);
  const definition = await loadSearchFile(file);
  const overrides: Overrides = { limit: manifest.overrides.limit, seed: manifest.overrides.seed };
  const dataset = await loadSearchData(definition, overrides, dirname(resolve(file)));
  const task = createEstimator(definition, overrides).task;
  // As the search checks its data (BaseSearchCV.fit), so the fingerprints compare like with like.
  const data = checkXy({ data: dataset.X, shape: [dataset.shape[0], ...dataset.sampleShape] }, dataset.y, { owner: 'gridfold worker', task });
  const fingerprint = dataFingerprint(data);
  if (fingerprint !== manifest.data) throw new RunMismatchError(messages.workerDataMismatch(manifest.data, fingerprint));
  const scorers = resolveScoring(definition.scoring, { task });
  const custom = Object.values(scorers).some((scorer) => scorer.needs === 'estimator');
  return { manifest, data, ...(custom ? { customScorers: scorers } : {}) };
}
