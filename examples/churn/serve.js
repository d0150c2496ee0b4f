// The inference server, following the SageMaker container contract: GET /ping and POST /invocations.
const { readFileSync } = require('node:fs');
const { createServer } = require('node:http');
const { join } = require('node:path');
const { parseCsv, predict } = require('./churn-model');

const HEADER = 'age,plan,monthly_spend,tenure_months,support_tickets';
const model = JSON.parse(
  readFileSync(join(process.env.SM_MODEL_DIR ?? '/opt/ml/model', 'model.json'), 'utf8'),
);

const score = (body, contentType) => {
  if (contentType.startsWith('application/json')) {
    const { instances } = JSON.parse(body);
    return {
      type: 'application/json',
      body: JSON.stringify({ predictions: instances.map((r) => predict(model, r)) }),
    };
  }
  const text = body.trim().startsWith('age,') ? body : `${HEADER}\n${body}`;
  return {
    type: 'text/csv',
    body: `${parseCsv(text)
      .map((r) => predict(model, r).toFixed(6))
      .join('\n')}\n`,
  };
};

const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/ping') {
    response.writeHead(200).end();
    return;
  }
  if (request.method !== 'POST' || request.url !== '/invocations') {
    response.writeHead(404).end();
    return;
  }
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    try {
      const result = score(
        Buffer.concat(chunks).toString('utf8'),
        request.headers['content-type'] ?? 'text/csv',
      );
      response.writeHead(200, { 'content-type': result.type }).end(result.body);
    } catch (error) {
      response.writeHead(400, { 'content-type': 'text/plain' }).end(String(error.message));
    }
  });
});

server.listen(Number(process.env.SAGEMAKER_BIND_TO_PORT ?? process.env.PORT ?? 8080), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
