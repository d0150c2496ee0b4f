import { createHmac } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { LocalEventBus } from '../../../../lib/events/bus/local-event-bus';
import type { EventEnvelope } from '../../../../lib/events/contracts';
import { compilePattern } from '../../../../lib/events/pattern/compile-pattern';
import { createMemoryStateStore } from '../../../../lib/store/memory/memory-state-store';

const SECRET = 'It is a Secret to Everybody';

const push = {
  ref: 'refs/heads/main',
  before: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
  after: '59b20b8d5c6ff8d09518454d20dd7b7ab7c0e29b',
  repository: { full_name: 'acme/ml' },
  pusher: { name: 'alice' },
  commits: [
    { added: ['models/churn/features.py'], modified: ['README.md'], removed: [] },
    { added: [], modified: ['models/churn/features.py'], removed: ['old.py'] },
  ],
};

const sign = (body: string, secret = SECRET) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

const request = (
  body: string,
  headers: Record<string, string | undefined>,
  base64 = false,
): APIGatewayProxyEventV2 =>
  ({
    version: '2.0',
    routeKey: 'POST /webhooks/github',
    rawPath: '/webhooks/github',
    rawQueryString: '',
    headers,
    isBase64Encoded: base64,
    body: base64 ? Buffer.from(body).toString('base64') : body,
    requestContext: {} as APIGatewayProxyEventV2['requestContext'],
  }) as APIGatewayProxyEventV2;

const setup = async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  process.env.CONVEYOR_GITHUB_SECRET_ID = 'conveyor/test/github-webhook-secret';
  const { makeHandler } = await import('../../../../functions/github-webhook');
  const published: EventEnvelope[] = [];
  const bus = new LocalEventBus({
    rules: [
      {
        name: 'all',
        pattern: compilePattern({ source: [{ prefix: '' }] }),
        target: 'sink',
        retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 60 },
      },
    ],
    targets: { sink: async (event) => published.push(event) },
    deadLetters: createMemoryStateStore().deadLetters,
  });
  const logged: unknown[] = [];
  const logger = {
    info: (...args: unknown[]) => logged.push(args),
    warn: (...args: unknown[]) => logged.push(args),
  };
  const handler = makeHandler({
    secret: { getSecret: async () => SECRET },
    publisher: bus,
    logger,
    maxBodyBytes: 64 * 1024,
  });
  const invoke = async (event: APIGatewayProxyEventV2) => {
    const response = await handler(event, {} as Context);
    await bus.drain();
    return response;
  };
  return { invoke, published, logged };
};

describe('the GitHub webhook function', () => {
  it('verifies a signed push and publishes it as a Code Pushed event with the changed files', async () => {
    const { invoke, published, logged } = await setup();
    const body = JSON.stringify(push);
    const signature = sign(body);

    const response = await invoke(
      request(body, {
        'x-hub-signature-256': signature,
        'x-github-event': 'push',
        'x-github-delivery': 'd-1',
      }),
    );

    expect(response.statusCode).toBe(202);
    expect(JSON.parse(response.body as string)).toEqual({ message: 'accepted', eventId: published[0]?.id });
    expect(published.map((e) => [e.source, e['detail-type'], e.detail])).toEqual([
      [
        'conveyor.github',
        'Code Pushed',
        {
          version: '1',
          repository: 'acme/ml',
          ref: 'refs/heads/main',
          before: push.before,
          commit: push.after,
          changedFiles: ['models/churn/features.py', 'README.md', 'old.py'],
          pusher: 'alice',
          deliveryId: 'd-1',
        },
      ],
    ]);
    expect(JSON.stringify(logged)).not.toContain(SECRET);
    expect(JSON.stringify(logged)).not.toContain(signature.slice(7));
  });

  it('accepts a base64-encoded body, verified on its raw bytes', async () => {
    const { invoke, published } = await setup();
    const body = JSON.stringify(push);

    const response = await invoke(
      request(body, { 'X-Hub-Signature-256': sign(body), 'X-GitHub-Event': 'push' }, true),
    );

    expect(response.statusCode).toBe(202);
    expect(published).toHaveLength(1);
  });

  it.each([
    [
      'a tampered body',
      (body: string) => ({ body: body.replace('alice', 'mallory'), signature: sign(body) }),
    ],
    ['a signature made with another secret', (body: string) => ({ body, signature: sign(body, 'guess') })],
    ['a missing signature', (body: string) => ({ body, signature: undefined })],
    [
      'a sha1 signature',
      (body: string) => ({
        body,
        signature: `sha1=${createHmac('sha1', SECRET).update(body).digest('hex')}`,
      }),
    ],
    ['a truncated signature', (body: string) => ({ body, signature: sign(body).slice(0, 40) })],
  ])('answers 401 with no detail and publishes nothing for %s', async (_case, make) => {
    const { invoke, published } = await setup();
    const { body, signature } = make(JSON.stringify(push));

    const response = await invoke(
      request(body, { 'x-hub-signature-256': signature, 'x-github-event': 'push' }),
    );

    expect(response.statusCode).toBe(401);
    expect(JSON.parse(response.body as string)).toEqual({ message: 'Unauthorized' });
    expect(published).toEqual([]);
  });

  it('answers 413 for a body over the limit, before checking anything else', async () => {
    const { invoke, published } = await setup();
    const body = JSON.stringify({ ...push, padding: 'x'.repeat(64 * 1024) });

    const response = await invoke(
      request(body, { 'x-hub-signature-256': sign(body), 'x-github-event': 'push' }),
    );

    expect(response.statusCode).toBe(413);
    expect(published).toEqual([]);
  });

  it.each(['ping', 'issues', 'pull_request', ''])(
    'answers 202 and publishes nothing for a %s event',
    async (githubEvent) => {
      const { invoke, published } = await setup();
      const body = JSON.stringify({ zen: 'Keep it logically awesome.' });

      const response = await invoke(
        request(body, { 'x-hub-signature-256': sign(body), 'x-github-event': githubEvent }),
      );

      expect(response.statusCode).toBe(202);
      expect(JSON.parse(response.body as string)).toMatchObject({ message: 'ignored' });
      expect(published).toEqual([]);
    },
  );

  it('ignores a push that deletes a branch', async () => {
    const { invoke, published } = await setup();
    const body = JSON.stringify({ ...push, after: '0'.repeat(40), deleted: true, commits: [] });

    const response = await invoke(
      request(body, { 'x-hub-signature-256': sign(body), 'x-github-event': 'push' }),
    );

    expect(response.statusCode).toBe(202);
    expect(published).toEqual([]);
  });

  it('answers 400 for a signed push that is not a GitHub push payload', async () => {
    const { invoke } = await setup();
    const body = '{"ref": 1}';

    const response = await invoke(
      request(body, { 'x-hub-signature-256': sign(body), 'x-github-event': 'push' }),
    );

    expect(response.statusCode).toBe(400);
  });

  it('answers 500 without detail when publishing fails', async () => {
    process.env.CONVEYOR_GITHUB_SECRET_ID = 'x';
    const { makeHandler } = await import('../../../../functions/github-webhook');
    const handler = makeHandler({
      secret: { getSecret: async () => SECRET },
      publisher: {
        putEvents: async () => Promise.reject(new Error('AccessDenied: arn:aws:iam::123:role/x')),
      },
      logger: { info: () => {}, warn: () => {} },
    });
    const body = JSON.stringify(push);

    const response = await handler(
      request(body, { 'x-hub-signature-256': sign(body), 'x-github-event': 'push' }),
      {} as Context,
    );

    expect(response.statusCode).toBe(500);
    expect(response.body).toBe('{"message":"Internal Server Error"}');
  });
});
