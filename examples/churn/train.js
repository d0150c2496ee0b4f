// Logistic regression by gradient descent, following the SageMaker script-mode contract.
const { readdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { NUMERIC, features, parseCsv, predict } = require('./churn-model');

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this script as a SageMaker or Conveyor training job`);
  return value;
};

const readChannel = (dir) =>
  readdirSync(dir)
    .filter((file) => file.endsWith('.csv'))
    .sort()
    .flatMap((file) => parseCsv(readFileSync(join(dir, file), 'utf8')));

const label = (row) => (row.churned === 'true' ? 1 : 0);

const auc = (scores, labels) => {
  const pairs = scores.map((s, i) => [s, labels[i]]).sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  let positives = 0;
  pairs.forEach(([, y], i) => {
    if (y === 1) {
      rankSum += i + 1;
      positives += 1;
    }
  });
  const negatives = pairs.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
};

const main = () => {
  const hps = JSON.parse(process.env.SM_HPS ?? '{}');
  const epochs = Number(hps.epochs ?? 200);
  const rate = Number(hps.learning_rate ?? 0.1);
  const train = readChannel(env('SM_CHANNEL_TRAIN'));
  const validation = process.env.SM_CHANNEL_VALIDATION
    ? readChannel(process.env.SM_CHANNEL_VALIDATION)
    : train;
  if (train.length === 0) throw new Error('the train channel holds no rows');

  const mean = NUMERIC.map((name) => train.reduce((s, r) => s + Number(r[name]), 0) / train.length);
  const std = NUMERIC.map(
    (name, i) =>
      Math.sqrt(train.reduce((s, r) => s + (Number(r[name]) - mean[i]) ** 2, 0) / train.length) || 1,
  );
  const model = {
    scaling: { mean, std },
    weights: new Array(features(train[0], { mean, std }).length).fill(0),
    bias: 0,
  };
  for (let epoch = 0; epoch < epochs; epoch += 1) {
    const gradient = model.weights.map(() => 0);
    let biasGradient = 0;
    for (const row of train) {
      const error = predict(model, row) - label(row);
      features(row, model.scaling).forEach((x, i) => {
        gradient[i] += error * x;
      });
      biasGradient += error;
    }
    model.weights = model.weights.map((w, i) => w - (rate * gradient[i]) / train.length);
    model.bias -= (rate * biasGradient) / train.length;
  }

  const scores = validation.map((row) => predict(model, row));
  const labels = validation.map(label);
  const eps = 1e-12;
  const metrics = {
    auc: auc(scores, labels),
    log_loss:
      -scores.reduce((s, p, i) => s + (labels[i] ? Math.log(p + eps) : Math.log(1 - p + eps)), 0) /
      scores.length,
    accuracy: scores.filter((p, i) => (p >= 0.5 ? 1 : 0) === labels[i]).length / scores.length,
  };
  writeFileSync(join(env('SM_MODEL_DIR'), 'model.json'), JSON.stringify(model));
  writeFileSync(join(env('SM_OUTPUT_DATA_DIR'), 'metrics.json'), JSON.stringify(metrics));
  console.log(`trained on ${train.length} rows: ${JSON.stringify(metrics)}`);
};

try {
  main();
} catch (error) {
  // SageMaker reports the content of /opt/ml/output/failure as the job's FailureReason.
  if (process.env.SM_OUTPUT_DIR)
    writeFileSync(join(process.env.SM_OUTPUT_DIR, 'failure'), String(error.message));
  console.error(error.stack);
  process.exit(1);
}
