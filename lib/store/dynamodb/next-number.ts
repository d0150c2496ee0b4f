import { StoreContentionError } from '../../errors/store-contention-error';

/**
 * Gap-free numbering without transactions: read the latest, write number + 1 under a condition that the
 * key is new, and start over when a concurrent writer took that number first.
 *
 * `write` returns undefined when its conditional write lost the race.
 */
export const withNextNumber = async <Latest, Result>(
  readLatest: () => Promise<Latest | undefined>,
  numberOf: (latest: Latest) => number,
  write: (next: number, latest: Latest | undefined) => Promise<Result | undefined>,
): Promise<Result> => {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const latest = await readLatest();
    const result = await write((latest ? numberOf(latest) : 0) + 1, latest);
    if (result !== undefined) return result;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 2 ** attempt)));
  }
  throw new StoreContentionError(
    `could not allocate a number after ${MAX_ATTEMPTS} attempts under contention`,
  );
};

const MAX_ATTEMPTS = 200;
