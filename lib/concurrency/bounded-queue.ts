/**
 * Runs at most `concurrency` tasks at once; later ones wait in line, first come first served.
 * With `maxWaiting` tasks already waiting a new one is refused with `onFull()`'s error, so a
 * flood is turned away at once rather than queued for minutes.
 */
export function boundedQueue({ concurrency, maxWaiting, onFull }: { concurrency: number; maxWaiting: number; onFull: () => Error }) {
  let running = 0;
  const waiting: (() => void)[] = [];

  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };

  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running < concurrency) running++;
    else if (waiting.length >= maxWaiting) throw onFull();
    // The slot is handed over by release(): `running` stays counted while it changes hands.
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      release();
    }
  };
}
