/**
 * A promise nothing will ever settle (a search file's top-level await, a loader that never
 * resolves) lets the event loop run empty, and Node then exits with code 13 in silence.
 * Node emits 'beforeExit' first: that is the moment to refuse the wait with a clear error.
 */
export async function unlessUnsettled<T>(work: Promise<T>, refusal: () => Error): Promise<T> {
  let onEmptyLoop: (() => void) | undefined;
  const unsettled = new Promise<never>((_, reject) => {
    onEmptyLoop = () => reject(refusal());
    process.once('beforeExit', onEmptyLoop);
  });
  try {
    return await Promise.race([work, unsettled]);
  } finally {
    process.off('beforeExit', onEmptyLoop!);
  }
}
