/** Time, injectable so tests move it by hand instead of sleeping. */
import { RunAborted } from './states-failure';

export interface Clock {
  now(): number;
  /** Resolves after `ms`; rejects with RunAborted when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

// setTimeout holds at most ~24.8 days; longer waits sleep in steps.
const MAX_TIMER = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new RunAborted('aborted'));
      const deadline = Date.now() + ms;
      let timer: NodeJS.Timeout;
      const onAbort = () => {
        clearTimeout(timer);
        reject(new RunAborted('aborted'));
      };
      const arm = () => {
        const left = deadline - Date.now();
        if (left <= 0) {
          signal?.removeEventListener('abort', onAbort);
          return resolve();
        }
        timer = setTimeout(arm, Math.min(left, MAX_TIMER));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      arm();
    }),
};
