/** The structured logger `lib/events` writes to: a message plus an object. Functions adapt Powertools' Logger to it. */
export interface Logger {
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
}
