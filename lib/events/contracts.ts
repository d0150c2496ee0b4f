/**
 * Every event Conveyor consumes or emits, in one place: its source, detail-type, version and the zod
 * schema of its detail. AWS-shaped events (S3, CodeCommit) follow the shapes those services send to
 * EventBridge; Conveyor's own events carry `version` in the detail, so a consumer can tell a schema change.
 *
 * @example
 *   const parsed = parseEvent(rawEvent); // { contract: ObjectCreated, event, detail } or undefined
 */
import * as z from 'zod';

/** The EventBridge envelope, as delivered to targets. */
export const envelopeSchema = z.looseObject({
  version: z.string(),
  id: z.string().min(1),
  'detail-type': z.string().min(1),
  source: z.string().min(1),
  account: z.string(),
  time: z.string(),
  region: z.string(),
  resources: z.array(z.string()),
  detail: z.unknown(),
});
export interface EventEnvelope<D = unknown> {
  version: string;
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: D;
  [field: string]: unknown;
}

export interface EventContract<S extends z.ZodType = z.ZodType> {
  source: string;
  detailType: string;
  /** Version of the detail's schema: AWS's own for AWS events, Conveyor's for its events. */
  version: string;
  direction: 'consumed' | 'emitted';
  detail: S;
}

const contract = <S extends z.ZodType>(c: EventContract<S>): EventContract<S> => c;

export const CONVEYOR_SOURCE = 'conveyor';
const CONVEYOR_VERSION = '1';
const conveyorDetail = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ version: z.literal(CONVEYOR_VERSION).default(CONVEYOR_VERSION), ...shape });

const modelName = z.string().min(1);
const environment = z.string().min(1).optional();

// Consumed

/** A push to a Git repository, normalized by the GitHub webhook function. */
export const CodePushed = contract({
  source: 'conveyor.github',
  detailType: 'Code Pushed',
  version: CONVEYOR_VERSION,
  direction: 'consumed',
  detail: conveyorDetail({
    repository: z.string().min(1),
    ref: z.string().min(1),
    before: z.string().optional(),
    commit: z.string().min(1),
    /** Files added, modified or removed by the pushed commits. */
    changedFiles: z.array(z.string()),
    pusher: z.string().optional(),
    deliveryId: z.string().optional(),
  }),
});

/** CodeCommit's "CodeCommit Repository State Change" (referenceCreated / referenceUpdated / referenceDeleted). */
export const CodeCommitRepositoryStateChange = contract({
  source: 'aws.codecommit',
  detailType: 'CodeCommit Repository State Change',
  version: '0',
  direction: 'consumed',
  // Loose: fields AWS adds later pass through rather than fail or vanish.
  detail: z.looseObject({
    callerUserArn: z.string().optional(),
    commitId: z.string().optional(),
    oldCommitId: z.string().optional(),
    event: z.enum(['referenceCreated', 'referenceUpdated', 'referenceDeleted']),
    referenceFullName: z.string(),
    referenceName: z.string(),
    referenceType: z.enum(['branch', 'tag']),
    repositoryId: z.string(),
    repositoryName: z.string(),
  }),
});

/** S3's "Object Created", as S3 sends it to EventBridge (detail version "0"). */
export const ObjectCreated = contract({
  source: 'aws.s3',
  detailType: 'Object Created',
  version: '0',
  direction: 'consumed',
  detail: z.looseObject({
    version: z.string(),
    bucket: z.looseObject({ name: z.string().min(1) }),
    object: z.looseObject({
      key: z.string().min(1),
      size: z.number().int().nonnegative().optional(),
      etag: z.string().optional(),
      'version-id': z.string().optional(),
      sequencer: z.string().optional(),
    }),
    'request-id': z.string(),
    requester: z.string(),
    'source-ip-address': z.string().optional(),
    reason: z.string().optional(),
  }),
});

/** Conveyor's monitor found drift in a model's inputs. */
export const DriftDetected = contract({
  source: 'conveyor.monitoring',
  detailType: 'Drift Detected',
  version: CONVEYOR_VERSION,
  direction: 'consumed',
  detail: conveyorDetail({
    model: modelName,
    environment,
    features: z.array(
      z.object({ name: z.string(), metric: z.string(), value: z.number(), threshold: z.number() }),
    ),
    windowEnd: z.string().optional(),
  }),
});

/** A scheduled or manual request to retrain. */
export const RetrainingRequested = contract({
  source: CONVEYOR_SOURCE,
  detailType: 'Retraining Requested',
  version: CONVEYOR_VERSION,
  direction: 'consumed',
  detail: conveyorDetail({
    model: modelName,
    environment,
    reason: z.enum(['schedule', 'manual']),
    requestedBy: z.string().optional(),
    note: z.string().optional(),
  }),
});

// Emitted, for users to subscribe to

const runDetail = {
  model: modelName,
  environment: z.string().min(1),
  runId: z.string().min(1),
  executionArn: z.string().optional(),
};

export const RunStarted = contract({
  source: CONVEYOR_SOURCE,
  detailType: 'Run Started',
  version: CONVEYOR_VERSION,
  direction: 'emitted',
  detail: conveyorDetail({
    ...runDetail,
    /** The first and last few of the run's triggers (all of them when few). */
    triggers: z.array(z.object({ eventId: z.string(), kind: z.string() })),
    /** How many triggers the run merged. */
    triggerCount: z.number().int().nonnegative().optional(),
  }),
});

export const RunSucceeded = contract({
  source: CONVEYOR_SOURCE,
  detailType: 'Run Succeeded',
  version: CONVEYOR_VERSION,
  direction: 'emitted',
  detail: conveyorDetail({ ...runDetail, modelVersion: z.number().int().positive().optional() }),
});

export const RunFailed = contract({
  source: CONVEYOR_SOURCE,
  detailType: 'Run Failed',
  version: CONVEYOR_VERSION,
  direction: 'emitted',
  detail: conveyorDetail({
    ...runDetail,
    error: z.object({ name: z.string(), message: z.string() }),
    failedStep: z.string().optional(),
  }),
});

/** A run waits for a person: what to judge, and until when. */
export const ApprovalRequested = contract({
  source: CONVEYOR_SOURCE,
  detailType: 'Approval Requested',
  version: CONVEYOR_VERSION,
  direction: 'emitted',
  detail: conveyorDetail({
    ...runDetail,
    approvers: z.array(z.string()),
    expiresAt: z.string(),
    metrics: z.record(z.string(), z.number()),
    championVersion: z.number().int().positive().optional(),
    championMetrics: z.record(z.string(), z.number()).optional(),
    gateReport: z.unknown(),
  }),
});

export const ModelPromoted = contract({
  source: CONVEYOR_SOURCE,
  detailType: 'Model Promoted',
  version: CONVEYOR_VERSION,
  direction: 'emitted',
  detail: conveyorDetail({
    model: modelName,
    environment: z.string().min(1),
    modelVersion: z.number().int().positive(),
    previousVersion: z.number().int().positive().optional(),
    runId: z.string().optional(),
  }),
});

/** A new version's rollout was rolled back: the champion serves all traffic again. */
export const ModelRolledBack = contract({
  source: CONVEYOR_SOURCE,
  detailType: 'Model Rolled Back',
  version: CONVEYOR_VERSION,
  direction: 'emitted',
  detail: conveyorDetail({
    model: modelName,
    environment: z.string().min(1),
    fromVersion: z.number().int().positive(),
    toVersion: z.number().int().positive().optional(),
    reason: z.string(),
    runId: z.string().optional(),
  }),
});

export const TriggerSuppressed = contract({
  source: CONVEYOR_SOURCE,
  detailType: 'Trigger Suppressed',
  version: CONVEYOR_VERSION,
  direction: 'emitted',
  detail: conveyorDetail({
    model: modelName,
    environment: z.string().min(1),
    eventId: z.string(),
    kind: z.string(),
    reason: z.string(),
  }),
});

export const EVENT_CONTRACTS = [
  CodePushed,
  CodeCommitRepositoryStateChange,
  ObjectCreated,
  DriftDetected,
  RetrainingRequested,
  RunStarted,
  RunSucceeded,
  RunFailed,
  ModelPromoted,
  ApprovalRequested,
  ModelRolledBack,
  TriggerSuppressed,
] as const;

export const findContract = (source: string, detailType: string): EventContract | undefined =>
  EVENT_CONTRACTS.find((c) => c.source === source && c.detailType === detailType);

/** An EventBridge pattern selecting exactly the events of the given contracts. */
export const patternFor = (...contracts: EventContract[]): Record<string, unknown> => {
  const selectors = contracts.map((c) => ({ source: [c.source], 'detail-type': [c.detailType] }));
  return selectors.length === 1 ? (selectors[0] as Record<string, unknown>) : { $or: selectors };
};

export type ParsedEvent<S extends z.ZodType = z.ZodType> = {
  contract: EventContract<S>;
  event: EventEnvelope<z.output<S>>;
};

/**
 * The event checked against its contract; undefined when no contract has its source and detail-type.
 * Throws the zod error, with the failing path, when the envelope or detail does not fit.
 */
export const parseEvent = (raw: unknown): ParsedEvent | undefined => {
  const envelope = envelopeSchema.parse(raw);
  const found = findContract(envelope.source, envelope['detail-type']);
  if (!found) return undefined;
  return { contract: found, event: { ...envelope, detail: found.detail.parse(envelope.detail) } };
};

/** A PutEvents entry for one of Conveyor's own events, its detail checked against the contract. */
export const entryFor = <S extends z.ZodType>(
  c: EventContract<S>,
  detail: z.input<S>,
  resources: string[] = [],
) => ({
  Source: c.source,
  DetailType: c.detailType,
  Detail: JSON.stringify(c.detail.parse(detail)),
  Resources: resources,
});
