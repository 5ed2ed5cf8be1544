/**
 * The hard half of fitTimeout: a unit (one fit, or the fits of a stack, whose budget is
 * fitTimeout each) still running past its budget is cancelled, and piscina terminates its
 * worker thread and starts another — the only way to stop a fit that never returns to its
 * training loop (a synchronous spin in a module). The clock starts when the worker begins
 * the unit (it says so with a message), not when the unit is queued, so a worker still
 * starting up costs the fit nothing. The cooperative half (src/core/deadline.ts) stops a
 * fit at an epoch's end first where it can, which keeps the worker; hence the grace.
 */
import type { Piscina } from 'piscina';

/** The message a worker posts when it begins a unit: `{ [UNIT_STARTED]: id }`. */
export const UNIT_STARTED = 'gridfoldUnitStarted';

/** How long past its budget a unit may run before its worker is terminated. */
export const HARD_STOP_GRACE_MS = 1000;

interface Armed {
  budgetMs: number;
  cancel: () => void;
  started?: number;
  timer?: NodeJS.Timeout;
  fired?: boolean;
}

export class UnitTimers {
  private readonly armed = new Map<number, Armed>();
  private readonly onMessage = (message: unknown) => {
    const id = (message as Record<string, unknown> | null)?.[UNIT_STARTED];
    if (typeof id === 'number') this.start(id);
  };

  constructor(private readonly pool: Piscina) {
    pool.on('message', this.onMessage);
  }

  /** Watches unit `id` once its worker begins it: `cancel` is called past `fitTimeout × fits` seconds (plus the grace). */
  arm(id: number, fitTimeout: number | undefined, fits: number, cancel: () => void): void {
    if (fitTimeout !== undefined) this.armed.set(id, { budgetMs: fitTimeout * fits * 1000, cancel });
  }

  /** True when the unit was cancelled for running past its budget. */
  timedOut(id: number): boolean {
    return this.armed.get(id)?.fired === true;
  }

  disarm(id: number): void {
    clearTimeout(this.armed.get(id)?.timer);
    this.armed.delete(id);
  }

  close(): void {
    this.pool.off('message', this.onMessage);
    for (const id of [...this.armed.keys()]) this.disarm(id);
  }

  private start(id: number): void {
    const unit = this.armed.get(id);
    if (!unit || unit.started !== undefined) return;
    unit.started = performance.now();
    unit.timer = setTimeout(() => {
      unit.fired = true;
      unit.cancel();
    }, unit.budgetMs + HARD_STOP_GRACE_MS);
  }
}
