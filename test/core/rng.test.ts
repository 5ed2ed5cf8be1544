import test from 'ava';
import { Rng, deriveSeed, withSeededMathRandom } from '../../src/core/index.js';

test('the same seed gives the same stream, seed 0 included', (t) => {
  const a = new Rng(0);
  const b = new Rng(0);
  const c = new Rng(1);
  const streamA = [a.next(), a.next(), a.next()];
  t.deepEqual(streamA, [b.next(), b.next(), b.next()]);
  t.notDeepEqual(streamA, [c.next(), c.next(), c.next()]);
});

test('permutation holds every index once', (t) => {
  const order = Array.from(new Rng(7).permutation(50)).sort((x, y) => x - y);
  t.deepEqual(order, Array.from({ length: 50 }, (_, i) => i));
});

test('deriveSeed separates its parts', (t) => {
  t.not(deriveSeed(1, 23), deriveSeed(12, 3));
  t.is(deriveSeed('fold', 3), deriveSeed('fold', 3));
});

test('withSeededMathRandom is reproducible, and only code inside the section draws from it', async (t) => {
  const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
  const alone = await withSeededMathRandom(5, async () => {
    const a = Math.random();
    await tick();
    return [a, Math.random()];
  });
  // The same section while other code keeps calling Math.random between its draws (a
  // module loading on first use): the section's numbers do not change, nor repeat outside it.
  const outside: number[] = [];
  const timer = setInterval(() => outside.push(Math.random()), 0);
  const interleaved = await withSeededMathRandom(5, async () => {
    const a = Math.random();
    for (let i = 0; i < 5; i++) await tick();
    return [a, Math.random()];
  });
  clearInterval(timer);
  t.deepEqual(interleaved, alone);
  t.true(outside.length > 0);
  t.false(outside.some((value) => alone.includes(value)));
  t.notDeepEqual([Math.random(), Math.random()], alone);
});
