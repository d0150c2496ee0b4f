import {
  CodeCommitRepositoryStateChange,
  EVENT_CONTRACTS,
  entryFor,
  ObjectCreated,
  parseEvent,
  patternFor,
  RunStarted,
} from '../../../lib/events/contracts';
import { compilePattern } from '../../../lib/events/pattern/compile-pattern';

// As S3 sends it to EventBridge (the example of the S3 user guide, "EventBridge event message structure").
const s3ObjectCreated = {
  version: '0',
  id: '17793124-05d4-b198-2fde-7ededc63b103',
  'detail-type': 'Object Created',
  source: 'aws.s3',
  account: '111122223333',
  time: '2021-11-12T00:00:00Z',
  region: 'ca-central-1',
  resources: ['arn:aws:s3:::amzn-s3-demo-bucket1'],
  detail: {
    version: '0',
    bucket: { name: 'amzn-s3-demo-bucket1' },
    object: {
      key: 'example-key',
      size: 5,
      etag: 'b1946ac92492d2347c6235b4d2611184',
      'version-id': 'IYV3p45BT0ac8hjHg1houSdS1a.Mro8e',
      sequencer: '617f08299329d189',
    },
    'request-id': 'N4N7GDK58NMKJ12R',
    requester: '123456789012',
    'source-ip-address': '1.2.3.4',
    reason: 'PutObject',
  },
};

// As CodeCommit sends a branch update (the CodeCommit user guide's referenceUpdated example).
const codeCommitReferenceUpdated = {
  version: '0',
  id: '01234567-0123-0123-0123-012345678901',
  'detail-type': 'CodeCommit Repository State Change',
  source: 'aws.codecommit',
  account: '123456789012',
  time: '2019-06-12T10:23:43Z',
  region: 'us-east-2',
  resources: ['arn:aws:codecommit:us-east-2:123456789012:MyDemoRepo'],
  detail: {
    callerUserArn: 'arn:aws:iam::123456789012:user/Mary_Major',
    commitId: '7f5ee4b5c0b3a3d3e3b0e3e0f3c0c3d3b3e3a3d3',
    event: 'referenceUpdated',
    oldCommitId: '3e5983EXAMPLE',
    referenceFullName: 'refs/heads/main',
    referenceName: 'main',
    referenceType: 'branch',
    repositoryId: '12345678-1234-5678-abcd-12345678abcd',
    repositoryName: 'MyDemoRepo',
  },
};

describe('event contracts', () => {
  it('parse S3 Object Created exactly as S3 shapes it', () => {
    const parsed = parseEvent(s3ObjectCreated);

    expect(parsed?.contract).toBe(ObjectCreated);
    expect(parsed?.event.detail).toEqual(s3ObjectCreated.detail);
  });

  it('parse CodeCommit Repository State Change exactly as CodeCommit shapes it', () => {
    expect(parseEvent(codeCommitReferenceUpdated)?.contract).toBe(CodeCommitRepositoryStateChange);
  });

  it('keep fields AWS adds to its events rather than dropping them', () => {
    const withNewField = {
      ...s3ObjectCreated,
      'replay-name': 'r1',
      detail: { ...s3ObjectCreated.detail, 'new-field': 1 },
    };

    const parsed = parseEvent(withNewField);

    expect(parsed?.event).toMatchObject({ 'replay-name': 'r1', detail: { 'new-field': 1 } });
  });

  it('answer undefined for events no contract covers, and throw naming the field of a malformed one', () => {
    expect(parseEvent({ ...s3ObjectCreated, 'detail-type': 'Object Deleted' })).toBeUndefined();
    expect(() =>
      parseEvent({ ...s3ObjectCreated, detail: { ...s3ObjectCreated.detail, bucket: {} } }),
    ).toThrow('name');
  });

  it('give each contract a distinct source and detail-type, and a pattern selecting exactly its events', () => {
    const keys = EVENT_CONTRACTS.map((c) => `${c.source}/${c.detailType}`);
    const pattern = compilePattern(patternFor(ObjectCreated, CodeCommitRepositoryStateChange));

    expect(new Set(keys).size).toBe(EVENT_CONTRACTS.length);
    expect([pattern.matches(s3ObjectCreated), pattern.matches(codeCommitReferenceUpdated)]).toEqual([
      true,
      true,
    ]);
    expect(pattern.matches({ ...s3ObjectCreated, source: 'aws.ec2' })).toBe(false);
  });

  it('build PutEvents entries for emitted events, with the schema version in the detail', () => {
    const entry = entryFor(RunStarted, { model: 'churn', environment: 'prod', runId: 'r1', triggers: [] });

    expect(entry).toEqual({
      Source: 'conveyor',
      DetailType: 'Run Started',
      Detail: JSON.stringify({
        version: '1',
        model: 'churn',
        environment: 'prod',
        runId: 'r1',
        triggers: [],
      }),
      Resources: [],
    });
    expect(() =>
      entryFor(RunStarted, { model: '', environment: 'prod', runId: 'r1', triggers: [] }),
    ).toThrow();
  });
});
