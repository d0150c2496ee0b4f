/**
 * Child processes for the local twin (training jobs, inference servers): started without a shell, in
 * their own process group so that everything they start can be killed with them, with an environment
 * built from a short allow-list rather than Conveyor's own (which may hold credentials).
 */
import { type ChildProcess, spawn } from 'node:child_process';

export interface StartedProcess {
  child: ChildProcess;
  /** Settles when the process has exited; never rejects (a spawn failure is `error`). */
  exited: Promise<ProcessExit>;
  /** Kills the whole process group. */
  kill(signal?: NodeJS.Signals): void;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the command could not be started at all (e.g. ENOENT). */
  error?: Error;
}

const INHERITED = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'SYSTEMROOT'];

/** The variables a child inherits from this process, plus `extra`. */
export const childEnv = (extra: Record<string, string>, from: NodeJS.ProcessEnv = process.env) => ({
  ...Object.fromEntries(INHERITED.flatMap((name) => (from[name] === undefined ? [] : [[name, from[name]]]))),
  ...extra,
});

export const startProcess = (options: {
  command: readonly string[];
  cwd: string;
  env: Record<string, string>;
  onOutput?: (chunk: Buffer) => void;
}): StartedProcess => {
  const [file, ...args] = options.command;
  if (!file) throw new Error('empty command');
  const child = spawn(file, args, {
    cwd: options.cwd,
    env: options.env,
    shell: false,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => options.onOutput?.(chunk));
  child.stderr?.on('data', (chunk: Buffer) => options.onOutput?.(chunk));
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  const kill = (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      child.kill(signal);
    }
  };
  return { child, exited, kill };
};
