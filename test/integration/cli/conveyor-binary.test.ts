import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../../..');

describe('the conveyor binary', () => {
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: root });
  });

  it('runs a spec check from the bundled CLI with the documented exit code', () => {
    const result = spawnSync(
      process.execPath,
      ['bin/conveyor.cjs', 'spec', 'check', 'test/fixtures/specs/many-mistakes.conveyor.yml', '--json'],
      { cwd: root, encoding: 'utf8' },
    );

    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).problems).toHaveLength(10);
  });

  it('prints its version', () => {
    const result = spawnSync(process.execPath, ['bin/conveyor.cjs', '--version'], {
      cwd: root,
      encoding: 'utf8',
    });

    expect(result).toMatchObject({ status: 0, stdout: `${require(join(root, 'package.json')).version}\n` });
  });
});
