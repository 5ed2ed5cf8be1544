/**
 * A worker's local pool as slots: one single-thread pool per task it runs at once, all
 * viewing one shared copy of the dataset. A slot per task (rather than one pool of N
 * threads fed by N jobs) keeps each job's fits on its own thread, with the pool's
 * contract intact: a fit that kills its thread fails alone and the thread is replaced.
 */
import { PoolExecutor, datasetFromShared, shareDataset } from '../parallel/index.js';
import type { SearchData } from '../validation/index.js';

export class Slots {
  private readonly free: PoolExecutor[];
  private readonly all: PoolExecutor[];
  private readonly waiting: Array<(executor: PoolExecutor) => void> = [];
  /** The data as views over SharedArrayBuffers: every slot's pool shares it without a copy. */
  readonly data: SearchData;

  constructor(count: number, data: SearchData) {
    this.data = datasetFromShared(shareDataset(data));
    this.all = Array.from({ length: count }, () => new PoolExecutor({ nJobs: 1 }));
    this.free = [...this.all];
  }

  /** Runs `work` on a free slot (waiting for one), then frees it. */
  async use<T>(work: (executor: PoolExecutor, data: SearchData) => Promise<T>): Promise<T> {
    const executor = this.free.pop() ?? (await new Promise<PoolExecutor>((resolve) => this.waiting.push(resolve)));
    try {
      return await work(executor, this.data);
    } finally {
      const next = this.waiting.shift();
      if (next) next(executor);
      else this.free.push(executor);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((executor) => executor.close()));
  }
}
