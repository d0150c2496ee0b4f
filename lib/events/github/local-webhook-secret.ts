import { readFile } from 'node:fs/promises';
import { InvalidInputError } from '../../errors/invalid-input-error';
import type { WebhookSecretSource } from './webhook-secret';

/** The secret for the local platform: `CONVEYOR_GITHUB_SECRET` or the file `CONVEYOR_GITHUB_SECRET_FILE` names. */
export class LocalWebhookSecret implements WebhookSecretSource {
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  async getSecret(): Promise<string> {
    if (this.env.CONVEYOR_GITHUB_SECRET) return this.env.CONVEYOR_GITHUB_SECRET;
    const file = this.env.CONVEYOR_GITHUB_SECRET_FILE;
    if (!file) throw new InvalidInputError('set CONVEYOR_GITHUB_SECRET or CONVEYOR_GITHUB_SECRET_FILE');
    const secret = (await readFile(file, 'utf8')).trim();
    if (!secret) throw new InvalidInputError(`${file} is empty`);
    return secret;
  }
}
