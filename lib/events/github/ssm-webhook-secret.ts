import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { InvalidInputError } from '../../errors/invalid-input-error';
import { cachedSecret, type WebhookSecretSource } from './webhook-secret';

/** A SecureString SSM parameter, decrypted, cached for five minutes. */
export class SsmWebhookSecret implements WebhookSecretSource {
  readonly getSecret: () => Promise<string>;

  constructor(parameterName: string, client: SSMClient = new SSMClient({})) {
    this.getSecret = cachedSecret(async () => {
      const { Parameter } = await client.send(
        new GetParameterCommand({ Name: parameterName, WithDecryption: true }),
      );
      if (!Parameter?.Value) throw new InvalidInputError(`parameter ${parameterName} has no value`);
      return Parameter.Value;
    });
  }
}
