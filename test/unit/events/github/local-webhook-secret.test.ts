import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalWebhookSecret } from '../../../../lib/events/github/local-webhook-secret';

describe('the local webhook secret', () => {
  it('comes from CONVEYOR_GITHUB_SECRET first', async () => {
    expect(await new LocalWebhookSecret({ CONVEYOR_GITHUB_SECRET: 'env' }).getSecret()).toBe('env');
  });

  it('comes from the file CONVEYOR_GITHUB_SECRET_FILE names, trimmed', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'secret-')), 'secret');
    await writeFile(file, 'from-file\n');

    expect(await new LocalWebhookSecret({ CONVEYOR_GITHUB_SECRET_FILE: file }).getSecret()).toBe('from-file');
  });

  it('fails naming both variables when neither is set', async () => {
    await expect(new LocalWebhookSecret({}).getSecret()).rejects.toThrow(
      'CONVEYOR_GITHUB_SECRET or CONVEYOR_GITHUB_SECRET_FILE',
    );
  });
});
