/**
 * The state machine files name their Lambda functions with CloudFormation pseudo parameters, written
 * `#{AWS::Region}` as serverless-step-functions expects (it turns them into an `Fn::Sub`). The local
 * platform substitutes the same names with its own values, so both homes run the same file.
 */
import { InvalidInputError } from '../errors/invalid-input-error';

export interface PseudoParameters {
  'AWS::Partition': string;
  'AWS::Region': string;
  'AWS::AccountId': string;
  'AWS::StackName': string;
}

export const substitutePseudoParameters = (text: string, values: PseudoParameters, file: string): string =>
  text.replace(/#\{([^}]+)\}/g, (_, name: string) => {
    const value = values[name as keyof PseudoParameters];
    if (value === undefined)
      throw new InvalidInputError(`${file}: #{${name}} is not a pseudo parameter Conveyor knows`);
    return value;
  });
