import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseServerlessConfig } from '../../../lib/config/serverless-config';
import { InvalidInputError } from '../../../lib/errors/invalid-input-error';
import { stateTableDefinition } from '../../../lib/store/table-definition';

describe('serverless.yml', () => {
  it('reads CloudFormation short-form tags as their long form', () => {
    const config = parseServerlessConfig(
      [
        'service: demo',
        'provider:',
        '  environment:',
        '    TABLE: !Ref StateTable',
        '    ARN: !GetAtt StateTable.Arn',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a template
        '    URL: !Sub "https://${AWS::Region}.example.com"',
        '    JOINED: !Join [":", [a, b]]',
      ].join('\n'),
      'serverless.yml',
    );

    expect((config.provider as { environment: unknown }).environment).toEqual({
      TABLE: { Ref: 'StateTable' },
      ARN: { 'Fn::GetAtt': ['StateTable', 'Arn'] },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax, not a template
      URL: { 'Fn::Sub': 'https://${AWS::Region}.example.com' },
      JOINED: { 'Fn::Join': [':', ['a', 'b']] },
    });
  });

  it('turns the project state table declaration into a CreateTable request', () => {
    const config = parseServerlessConfig(
      readFileSync(join(__dirname, '../../../serverless.yml'), 'utf8'),
      'x',
    );

    const definition = stateTableDefinition(config);

    expect(definition.KeySchema).toEqual([
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ]);
    expect(definition.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual(['GSI1']);
    expect(definition.BillingMode).toBe('PAY_PER_REQUEST');
    expect(definition).not.toHaveProperty('TimeToLiveSpecification');
  });

  it('names the resource when the state table is not declared', () => {
    const config = parseServerlessConfig('service: demo\nresources: { Resources: {} }\n', 'serverless.yml');

    expect(() => stateTableDefinition(config)).toThrow(
      'serverless.yml: resources.Resources.StateTable must be an AWS::DynamoDB::Table',
    );
  });

  it('rejects a file that is not a Serverless config', () => {
    expect(() => parseServerlessConfig('- a\n- b\n', 'serverless.yml')).toThrow(InvalidInputError);
  });
});
