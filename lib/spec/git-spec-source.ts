/** Reads `conveyor.yml` at a commit from a local git repository (`git show`, no shell). */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { SpecAtCommit, SpecSource } from './spec-source';

const run = promisify(execFile);
const COMMIT = /^[0-9a-f]{4,64}$/i;

export interface GitSpecLocation {
  /** The repository's working tree. */
  repoDir: string;
  /** The spec's path inside the repository, `/`-separated. */
  specPath: string;
}

export class GitSpecSource implements SpecSource {
  constructor(private readonly locate: (model: string) => GitSpecLocation | undefined) {}

  async readAt(model: string, commit: string): Promise<SpecAtCommit | undefined> {
    const location = this.locate(model);
    if (!location || !COMMIT.test(commit)) return undefined;
    const file = `${commit}:${location.specPath}`;
    try {
      const { stdout } = await run('git', ['-C', location.repoDir, 'show', file], {
        maxBuffer: 1 << 20,
      });
      return { file, text: stdout };
    } catch {
      // An unknown commit or a spec absent at it: the registered spec stands.
      return undefined;
    }
  }
}
