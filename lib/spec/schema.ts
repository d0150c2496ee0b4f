/**
 * The pipeline spec, `conveyor.yml`: one per model. Every object is strict, so a misspelt key is an
 * error rather than a silently ignored setting, and every optional setting has the default a user
 * expects. Durations are normalized to seconds.
 */
import * as z from 'zod';
import { DURATION_PATTERN, parseDuration } from './duration';

const duration = (description: string) =>
  z
    .union([
      z.number().nonnegative(),
      z
        .string()
        .regex(DURATION_PATTERN, 'expected a duration such as 90s, 15m, 2h or 7d, or a number of seconds'),
    ])
    .transform((value) => (typeof value === 'number' ? value : (parseDuration(value) as number)))
    .describe(`${description} (seconds, or a duration such as 15m, 2h, 7d)`);

const fraction = z.number().min(0).max(1);
const percent = z.number().min(0).max(100);
const severity = z
  .enum(['error', 'warn'])
  .default('error')
  .describe('error fails validation, warn only reports');

const MODEL_NAME = /^[a-z][a-z0-9-]{0,62}$/;

const columnRule = z
  .strictObject({
    type: z.enum(['string', 'integer', 'number', 'boolean', 'timestamp']).describe('expected value type'),
    nullable: z.boolean().default(true).describe('whether null or empty values are allowed at all'),
    maxNullFraction: fraction.optional().describe('largest share of null values tolerated'),
    min: z.number().optional(),
    max: z.number().optional(),
    allowed: z
      .array(z.union([z.string(), z.number(), z.boolean()]))
      .min(1)
      .optional(),
    pattern: z
      .string()
      .refine(isValidRegExp, 'expected a valid regular expression')
      .optional()
      .describe('regular expression each non-null value must match'),
    severity,
  })
  .refine((rule) => rule.min === undefined || rule.max === undefined || rule.min <= rule.max, {
    message: 'min must not be greater than max',
    path: ['min'],
  });

function isValidRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

const dataSection = z.strictObject({
  source: z
    .string()
    .min(1)
    .describe('S3 prefix (s3://bucket/prefix/) or a path relative to the spec file')
    .refine((s) => !s.startsWith('s3://') || /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(s), {
      message: 'expected s3://bucket/prefix with a valid bucket name',
    }),
  format: z
    .enum(['csv', 'jsonl', 'parquet'])
    .optional()
    .describe('inferred from the file extension when absent'),
  label: z.string().min(1).describe('name of the label column'),
  minRows: z.number().int().nonnegative().default(1),
  columns: z.record(z.string(), columnRule).default({}),
  unexpectedColumns: z
    .enum(['allow', 'warn', 'error'])
    .default('warn')
    .describe('what to do with columns that have no rule'),
});

const trainingSection = z
  .strictObject({
    local: z
      .strictObject({
        command: z.array(z.string().min(1)).min(1).describe('entry command, run without a shell'),
        workdir: z.string().default('.'),
      })
      .optional(),
    sagemaker: z
      .strictObject({
        image: z.string().min(1),
        instanceType: z
          .string()
          .regex(/^ml\.[a-z0-9]+\.[a-z0-9]+$/, 'expected an instance type such as ml.m5.large'),
        instanceCount: z.number().int().positive().default(1),
        volumeSizeGb: z.number().int().positive().default(30),
        entryPoint: z.string().optional(),
      })
      .optional(),
    hyperparameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
    timeout: duration('longest a training job may run').default(3600),
    attempts: z
      .number()
      .int()
      .min(1)
      .max(5)
      .default(2)
      .describe('training jobs a run may start: a failed job is started again, as a new job, until then'),
    metricsFile: z.string().default('metrics.json').describe('file in the output directory holding metrics'),
  })
  .refine((t) => t.local || t.sagemaker, {
    message: 'training needs a local command, a sagemaker image, or both',
  });

const metricGate = z
  .strictObject({
    metric: z.string().min(1),
    min: z.number().optional(),
    max: z.number().optional(),
    vsChampion: z
      .strictObject({
        direction: z.enum(['higher-is-better', 'lower-is-better']).default('higher-is-better'),
        tolerance: z.number().nonnegative().default(0).describe('largest acceptable worsening'),
        relative: z.boolean().default(false).describe('tolerance is a fraction of the champion value'),
      })
      .optional(),
  })
  .refine((g) => g.min !== undefined || g.max !== undefined || g.vsChampion, {
    message: 'a gate needs min, max or vsChampion',
  });

const gatesSection = z.strictObject({
  mode: z.enum(['enforce', 'dry-run']).default('enforce'),
  metrics: z.array(metricGate).default([]),
  comparison: z
    .strictObject({
      metric: z.string().min(1),
      method: z.literal('paired-bootstrap').default('paired-bootstrap'),
      resamples: z.number().int().min(100).default(1000),
      confidence: z.number().gt(0).lt(1).default(0.95),
      direction: z.enum(['higher-is-better', 'lower-is-better']).default('higher-is-better'),
      tolerance: z.number().nonnegative().default(0),
    })
    .optional(),
  slices: z
    .array(
      z.strictObject({
        column: z.string().min(1),
        metric: z.string().min(1),
        min: z.number().optional(),
        max: z.number().optional(),
        minSamples: z.number().int().positive().default(30),
      }),
    )
    .default([]),
});

const approvalSection = z
  .strictObject({
    mode: z.enum(['auto', 'manual']).default('auto'),
    approvers: z.array(z.string().min(1)).default([]),
    timeout: duration('how long a manual approval may wait before it counts as rejected').default(259200),
  })
  .refine((a) => a.mode === 'auto' || a.approvers.length > 0, {
    message: 'manual approval needs at least one approver',
    path: ['approvers'],
  });

const deploymentSection = z
  .strictObject({
    strategy: z.enum(['all-at-once', 'canary', 'linear']).default('canary'),
    canary: z
      .strictObject({
        percent: percent.default(10),
        bake: duration('bake time at the canary weight').default(600),
      })
      .default({ percent: 10, bake: 600 }),
    linear: z
      .strictObject({
        stepPercent: percent.default(20),
        interval: duration('bake time of each step').default(300),
      })
      .default({ stepPercent: 20, interval: 300 }),
    rollback: z
      .strictObject({
        maxErrorRate: fraction.default(0.05),
        maxLatencyP99Ms: z.number().positive().optional(),
        minRequests: z.number().int().nonnegative().default(20),
      })
      .default({ maxErrorRate: 0.05, minRequests: 20 }),
    instanceType: z.string().default('ml.m5.large'),
    instanceCount: z.number().int().positive().default(1),
    healthCheckTimeout: duration('how long a new inference server may take to answer GET /ping').default(600),
    dataCapture: z.strictObject({ samplingPercent: percent.default(100) }).default({ samplingPercent: 100 }),
    serve: z
      .strictObject({ command: z.array(z.string().min(1)).min(1), workdir: z.string().default('.') })
      .optional()
      .describe('local inference server, started with the SageMaker container contract'),
  })
  .refine((d) => d.strategy !== 'linear' || d.linear.stepPercent > 0, {
    message: 'linear deployment needs a stepPercent above 0',
    path: ['linear', 'stepPercent'],
  });

const SCHEDULE = /^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\(.+\))$/;

const monitoringSection = z.strictObject({
  enabled: z.boolean().default(true),
  schedule: z
    .string()
    .regex(SCHEDULE, 'expected rate(N unit) or cron(...) as EventBridge Scheduler writes them')
    .default('rate(1 day)'),
  features: z
    .array(z.string().min(1))
    .optional()
    .describe('features to watch; all validated columns by default'),
  predictionColumn: z
    .string()
    .min(1)
    .optional()
    .describe("column of the captured data holding the model's predictions, checked for drift too"),
  thresholds: z
    .strictObject({
      psi: z.number().positive().default(0.2),
      ks: z.number().positive().default(0.1),
      wasserstein: z.number().positive().default(0.1),
      jensenShannon: z.number().positive().default(0.1),
    })
    .default({ psi: 0.2, ks: 0.1, wasserstein: 0.1, jensenShannon: 0.1 }),
  minSamples: z.number().int().positive().default(500),
  window: z
    .strictObject({ k: z.number().int().positive().default(2), n: z.number().int().positive().default(3) })
    .refine((w) => w.k <= w.n, { message: 'k must not be greater than n', path: ['k'] })
    .default({ k: 2, n: 3 }),
});

const retrainingSection = z.strictObject({
  onCodePush: z.boolean().default(true),
  dataArrival: z
    .strictObject({
      enabled: z.boolean().default(true),
      debounce: duration('files arriving within this window start one run').default(900),
    })
    .default({ enabled: true, debounce: 900 }),
  drift: z
    .strictObject({
      enabled: z.boolean().default(true),
      cooldown: duration('least time between two drift-triggered retrains').default(86400),
      budget: z
        .strictObject({
          maxRuns: z.number().int().positive().default(3),
          period: duration('period the budget counts over').default(604800),
        })
        .default({ maxRuns: 3, period: 604800 }),
    })
    .default({ enabled: true, cooldown: 86400, budget: { maxRuns: 3, period: 604800 } }),
  schedule: z.string().regex(SCHEDULE, 'expected rate(N unit) or cron(...)').optional(),
});

export const pipelineSpecSchema = z.strictObject({
  version: z.literal(1).default(1).describe('spec format version'),
  model: z.strictObject({
    name: z
      .string()
      .regex(MODEL_NAME, 'expected lowercase letters, digits and dashes, starting with a letter'),
    description: z.string().optional(),
    paths: z
      .array(z.string().min(1))
      .min(1)
      .describe('repository paths (globs) that belong to this model; a push touching them retrains'),
    owners: z.array(z.string()).default([]),
  }),
  data: dataSection,
  training: trainingSection,
  gates: gatesSection.default({ mode: 'enforce', metrics: [], slices: [] }),
  approval: approvalSection.default({ mode: 'auto', approvers: [], timeout: 259200 }),
  deployment: deploymentSection.default(() => deploymentSection.parse({})),
  monitoring: monitoringSection.default(() => monitoringSection.parse({})),
  retraining: retrainingSection.default(() => retrainingSection.parse({})),
});

/** A spec as written in `conveyor.yml`. */
export type PipelineSpecInput = z.input<typeof pipelineSpecSchema>;
/** A validated spec with every default filled in and durations in seconds. */
export type PipelineSpec = z.output<typeof pipelineSpecSchema>;
export type ColumnRule = z.output<typeof columnRule>;
