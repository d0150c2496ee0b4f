/**
 * What a command may touch of the outside world. The binary passes the real process; tests pass
 * buffers, so every command runs in-process under test exactly as users run it.
 */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Columns of the terminal, for output that fits it; undefined when not a terminal. */
  columns?: number;
}

/** Exit codes every command keeps to. */
export const ExitCode = { ok: 0, checkFailed: 1, usage: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const processIo = (): CliIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  columns: process.stdout.isTTY ? process.stdout.columns : undefined,
});

/** Prints `value` as JSON for machines, or through `human` for people. */
export const printResult = <T>(io: CliIo, json: boolean, value: T, human: (value: T) => string): void => {
  io.stdout(json ? `${JSON.stringify(value, null, 2)}\n` : ensureNewline(human(value)));
};

const ensureNewline = (text: string): string => (text.endsWith('\n') || text === '' ? text : `${text}\n`);
