// Shared by train.js and serve.js: how a CSV row becomes a feature vector.
const PLANS = ['free', 'pro', 'team'];
const NUMERIC = ['age', 'monthly_spend', 'tenure_months', 'support_tickets'];

const parseCsv = (text) => {
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const names = header.split(',');
  return lines
    .filter(Boolean)
    .map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], v])));
};

const features = (row, scaling) => [
  ...NUMERIC.map((name, i) => (Number(row[name]) - scaling.mean[i]) / scaling.std[i]),
  ...PLANS.map((plan) => (row.plan === plan ? 1 : 0)),
];

const predict = (model, row) => {
  const x = features(row, model.scaling);
  const z = model.bias + x.reduce((sum, value, i) => sum + value * model.weights[i], 0);
  return 1 / (1 + Math.exp(-z));
};

module.exports = { NUMERIC, PLANS, features, parseCsv, predict };
