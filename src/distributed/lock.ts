/**
 * One coordinator per queue: a Redis key set with NX and a short expiry, renewed while
 * the coordinator lives. A coordinator that was killed leaves the key to expire within
 * LOCK_TTL_MS (at once when it was on this machine), so a restart with --resume waits
 * that long at most.
 */
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { GridfoldError } from '../core/index.js';

export const LOCK_TTL_MS = 10_000;

export class CoordinatorLock {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly redis: Redis, private readonly key: string, private readonly owner: string) {}

  async acquire(busy: (holder: string) => string): Promise<void> {
    const deadline = Date.now() + LOCK_TTL_MS + 1000;
    for (;;) {
      if ((await this.redis.set(this.key, this.owner, 'PX', LOCK_TTL_MS, 'NX')) === 'OK') break;
      const holder = await this.redis.get(this.key);
      if (holder === this.owner) break;
      // A coordinator of this machine that was killed: its lock need not run out.
      if (holder !== null && isDeadHereAndNow(holder)) {
        await this.redis.del(this.key);
        continue;
      }
      if (Date.now() > deadline) throw new GridfoldError(busy(holder ?? 'gone'));
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    this.timer = setInterval(() => void this.redis.pexpire(this.key, LOCK_TTL_MS).catch(() => undefined), LOCK_TTL_MS / 3);
    this.timer.unref();
  }

  async release(): Promise<void> {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
    // Only our own lock: compare and delete in one step.
    await this.redis.eval("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0", 1, this.key, this.owner).catch(() => undefined);
  }
}

/** True for "host:pid" of this host whose process is gone. */
function isDeadHereAndNow(holder: string): boolean {
  const at = holder.lastIndexOf(':');
  const pid = Number(holder.slice(at + 1));
  if (holder.slice(0, at) !== hostname() || !Number.isInteger(pid) || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
