/**
 * Seeded randomness. Every random choice gridfold makes (splits, shuffles, initial
 * weights, batch order, dropout, sampled parameters) flows from a `Rng` derived from the
 * user's seed, so results never depend on `Math.random` or on which worker ran a fit.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** The largest seed gridfold accepts (seeds are unsigned 32-bit integers). */
export const MAX_SEED = 2 ** 32 - 1;

/** 32-bit FNV-1a over the parts, so `deriveSeed(seed, 'fold', 3)` is stable across runs. */
export function deriveSeed(...parts: Array<string | number>): number {
  let hash = 0x811c9dc5;
  for (const part of parts) {
    const text = `${String(part)}\u0000`;
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
  }
  return hash >>> 0;
}

/** mulberry32: small, fast, good enough for shuffles and initialisers; state is one uint32. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = deriveSeed('rng', seed) || 0x9e3779b9;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** Integer in [low, high). */
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low));
  }

  /** Standard normal by Box–Muller. */
  normal(): number {
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Fisher–Yates in place; returns the same array. */
  shuffle<T extends { length: number; [i: number]: unknown }>(items: T): T {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /** A random permutation of 0..n-1. */
  permutation(n: number): Int32Array {
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    return this.shuffle(order);
  }

  /** A fresh uint32 seed, for handing to a sub-component. */
  nextSeed(): number {
    return Math.floor(this.next() * 4294967296) >>> 0;
  }
}

let seededSection: Promise<unknown> = Promise.resolve();
/** The seeded generator of the section the caller runs in (it follows the section's awaits). */
const sectionRng = new AsyncLocalStorage<Rng>();
let wrapped = false;

/**
 * Runs `work` with `Math.random` drawing from a seeded generator, so third-party code that
 * calls it (tfjs' unseeded random ops, dropout masks) is reproducible. Only code running
 * inside `work` draws from it: Math.random called from anywhere else meanwhile (a module
 * evaluated on first use, such as danfojs, which draws at import) gets the engine's own
 * numbers and takes none of the section's. Sections are queued, one at a time per thread:
 * two fits awaited together (Promise.all) would otherwise interleave their draws.
 */
export function withSeededMathRandom<T>(seed: number, work: () => Promise<T>): Promise<T> {
  if (!wrapped) {
    const engine = Math.random;
    Math.random = () => sectionRng.getStore()?.next() ?? engine();
    wrapped = true;
  }
  const run = () => sectionRng.run(new Rng(deriveSeed('math-random', seed)), work);
  const result = seededSection.then(run, run);
  seededSection = result.catch(() => undefined);
  return result;
}
