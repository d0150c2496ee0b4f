import { runConveyor } from '../../helpers/cli';

const event = JSON.stringify({
  id: '1',
  account: '123456789012',
  source: 'aws.s3',
  time: '2026-11-26T10:00:00Z',
  region: 'eu-west-1',
  resources: [],
  'detail-type': 'Object Created',
  detail: { object: { key: 'data/churn/part-1.csv', size: 10 } },
});

describe('conveyor events test-event-pattern answers like aws events test-event-pattern', () => {
  it('prints Result true and exits 0 when the pattern matches', async () => {
    const run = await runConveyor([
      'events',
      'test-event-pattern',
      '--event-pattern',
      '{"source":["aws.s3"],"detail":{"object":{"key":[{"suffix":".csv"}]}}}',
      '--event',
      event,
    ]);

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ Result: true });
  });

  it('prints Result false and exits 0 when it does not', async () => {
    const run = await runConveyor([
      'events',
      'test-event-pattern',
      '--event-pattern',
      '{"source":["aws.ec2"]}',
      '--event',
      event,
    ]);

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ Result: false });
  });

  it('exits 2 with the InvalidEventPatternException reason for an invalid pattern', async () => {
    const run = await runConveyor([
      'events',
      'test-event-pattern',
      '--event-pattern',
      '{"source":[]}',
      '--event',
      event,
    ]);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      'InvalidEventPatternException: Event pattern is not valid. Reason: Empty arrays',
    );
  });

  it('exits 2 naming the missing envelope fields of an event', async () => {
    const run = await runConveyor([
      'events',
      'test-event-pattern',
      '--event-pattern',
      '{"source":["aws.s3"]}',
      '--event',
      '{"source":"aws.s3","detail":{}}',
    ]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"id", "account", "time", "region", "resources", "detail-type"');
  });

  it('exits 2 for an event that is not JSON', async () => {
    const run = await runConveyor([
      'events',
      'test-event-pattern',
      '--event-pattern',
      '{"a":["b"]}',
      '--event',
      '{',
    ]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Parameter Event is not valid');
  });
});
