/**
 * Reads `serverless.yml`, the one declaration of Conveyor's AWS resources, so the local platform can
 * build the same table, rules and state machines from it. CloudFormation short-form tags (`!Ref`,
 * `!GetAtt`, ...) become their long form (`{ Ref: ... }`, `{ 'Fn::GetAtt': ... }`); Serverless
 * variables (`${...}`) stay as written, since the local platform names things itself.
 */
import { readFile } from 'node:fs/promises';
import { type CollectionTag, parse, type ScalarTag } from 'yaml';
import { InvalidInputError } from '../errors/invalid-input-error';

const FUNCTION_TAGS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
];

const cloudFormationTags = (): (ScalarTag | CollectionTag)[] => {
  const longForm = (name: string) => (name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`);
  const tags: (ScalarTag | CollectionTag)[] = [];
  for (const name of [...FUNCTION_TAGS, 'Ref', 'Condition']) {
    const key = longForm(name);
    const resolve = (value: unknown) =>
      // `!GetAtt Resource.Attribute` is the short form of a two-element list.
      ({ [key]: name === 'GetAtt' && typeof value === 'string' ? value.split('.') : value });
    tags.push({ tag: `!${name}`, resolve: (value: string) => resolve(value) } as ScalarTag);
    tags.push({
      tag: `!${name}`,
      collection: 'seq',
      resolve: (seq) => resolve(seq.toJSON()),
    } as CollectionTag);
    tags.push({
      tag: `!${name}`,
      collection: 'map',
      resolve: (map) => resolve(map.toJSON()),
    } as CollectionTag);
  }
  return tags;
};

export type ServerlessConfig = {
  service: string;
  resources?: { Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }> };
  [key: string]: unknown;
};

export const parseServerlessConfig = (text: string, file: string): ServerlessConfig => {
  let config: unknown;
  try {
    config = parse(text, { customTags: cloudFormationTags() });
  } catch (cause) {
    throw new InvalidInputError(`${file}: ${(cause as Error).message}`, { cause });
  }
  if (!config || typeof config !== 'object' || typeof (config as ServerlessConfig).service !== 'string') {
    throw new InvalidInputError(`${file}: expected a Serverless Framework config with a service name`);
  }
  return config as ServerlessConfig;
};

export const readServerlessConfig = async (file: string): Promise<ServerlessConfig> =>
  parseServerlessConfig(await readFile(file, 'utf8'), file);
