import { runCli } from '../../lib/cli/program';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, as the binary would, capturing what it prints. */
export const runConveyor = async (
  argv: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
) => {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
  });
  return { code, stdout, stderr } satisfies CliRun;
};
