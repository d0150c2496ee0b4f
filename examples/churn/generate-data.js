// Writes data/train/churn.csv and data/validation/churn.csv from a fixed seed: the same files every time.
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const PLANS = ['free', 'pro', 'team'];

/** mulberry32: a small seeded generator, so the data set is reproducible without dependencies. */
const seeded = (seed) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const rows = (count, random) =>
  Array.from({ length: count }, () => {
    const age = 18 + Math.floor(random() * 60);
    const plan = PLANS[Math.floor(random() * PLANS.length)];
    const tenure = 1 + Math.floor(random() * 72);
    const tickets = Math.floor(random() * 8);
    const spend = Math.round(((plan === 'free' ? 0 : plan === 'pro' ? 20 : 60) + random() * 40) * 100) / 100;
    const logit = -0.5 + 0.55 * tickets - 0.06 * tenure + (plan === 'free' ? 0.8 : 0) - 0.01 * (age - 40);
    const churned = random() < 1 / (1 + Math.exp(-logit));
    return [age, plan, spend, tenure, tickets, churned].join(',');
  });

const write = (dir, count, random) => {
  mkdirSync(dir, { recursive: true });
  const header = 'age,plan,monthly_spend,tenure_months,support_tickets,churned';
  writeFileSync(join(dir, 'churn.csv'), `${[header, ...rows(count, random)].join('\n')}\n`);
};

const random = seeded(20261126);
const root = process.argv[2] ?? join(__dirname, 'data');
write(join(root, 'train'), 600, random);
write(join(root, 'validation'), 200, random);
