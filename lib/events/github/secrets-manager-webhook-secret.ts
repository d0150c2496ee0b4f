import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { InvalidInputError } from '../../errors/invalid-input-error';
import { cachedSecret, type WebhookSecretSource } from './webhook-secret';

/** The secret string of a Secrets Manager secret, cached for five minutes. */
export class SecretsManagerWebhookSecret implements WebhookSecretSource {
  readonly getSecret: () => Promise<string>;

  constructor(secretId: string, client: SecretsManagerClient = new SecretsManagerClient({})) {
    this.getSecret = cachedSecret(async () => {
      const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
      if (!SecretString) throw new InvalidInputError(`secret ${secretId} has no string value`);
      return SecretString;
    });
  }
}
