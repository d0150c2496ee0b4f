/**
 * Durations in a spec are written the way people say them (`90s`, `15m`, `2h`, `7d`) or as a number of
 * seconds, and normalized to seconds.
 */
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 } as const;

export const DURATION_PATTERN = /^(\d+(?:\.\d+)?)\s*(s|m|h|d|w)$/;

/** Seconds for a duration string, or undefined when it is not one. */
export const parseDuration = (text: string): number | undefined => {
  const match = DURATION_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [, amount, unit] = match as unknown as [string, string, keyof typeof UNIT_SECONDS];
  return Math.round(Number(amount) * UNIT_SECONDS[unit]);
};
