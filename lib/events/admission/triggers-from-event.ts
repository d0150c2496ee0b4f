/**
 * Which models an event asks to retrain, and why; or why it does not. Pure: the specs come in.
 */
import type { TriggerRef } from '../../store/entities';
import {
  CodeCommitRepositoryStateChange,
  CodePushed,
  DriftDetected,
  type EventEnvelope,
  ObjectCreated,
  type ParsedEvent,
  RetrainingRequested,
} from '../contracts';
import { triggerIdOfPush } from '../github/delivery-trigger-id';
import { filesMatching } from './path-glob';
import type { RegisteredSpec } from './spec-catalog';

export interface TriggerCandidate {
  model: string;
  environment: string;
  trigger: TriggerRef;
  /** Set when the trigger is recorded but not run: the reason it is skipped. */
  skip?: string;
}

type Detail<C> = C extends { detail: { _zod: { output: infer O } } } ? O : never;

export const triggersFromEvent = (
  parsed: ParsedEvent,
  specs: ReadonlyMap<string, RegisteredSpec>,
  defaultEnvironment: string,
): TriggerCandidate[] => {
  const { contract, event } = parsed;
  const base = { eventId: event.id, receivedAt: new Date(event.time).toISOString() };
  switch (contract) {
    case CodePushed:
      return fromPush(event as EventEnvelope<Detail<typeof CodePushed>>, specs, defaultEnvironment, base);
    case CodeCommitRepositoryStateChange: {
      const detail = (event as EventEnvelope<Detail<typeof CodeCommitRepositoryStateChange>>).detail;
      if (detail.event === 'referenceDeleted' || !detail.commitId) return [];
      const commit = detail.commitId;
      // CodeCommit's event names the commit but not the files it changed, so every model that
      // retrains on code push takes it; the reason says so.
      return [...specs.values()].map((s) => ({
        model: s.model,
        environment: defaultEnvironment,
        trigger: {
          ...base,
          kind: 'code-push' as const,
          commit,
          reason: `CodeCommit ${detail.repositoryName} ${detail.referenceName} at ${commit.slice(0, 7)} (the event lists no changed files)`,
        },
        ...(s.spec.retraining.onCodePush ? {} : { skip: 'retraining on code push is off in the spec' }),
      }));
    }
    case ObjectCreated:
      return fromObjectCreated(
        event as EventEnvelope<Detail<typeof ObjectCreated>>,
        specs,
        defaultEnvironment,
        base,
      );
    case DriftDetected: {
      const detail = (event as EventEnvelope<Detail<typeof DriftDetected>>).detail;
      const spec = specs.get(detail.model);
      const features = detail.features
        .map((f) => `${f.name} ${f.metric}=${f.value}>${f.threshold}`)
        .join(', ');
      return [
        {
          model: detail.model,
          environment: detail.environment ?? defaultEnvironment,
          trigger: { ...base, kind: 'drift', reason: `drift detected${features ? `: ${features}` : ''}` },
          ...skipUnless(spec, (s) => s.retraining.drift.enabled, 'drift retraining is off in the spec'),
        },
      ];
    }
    case RetrainingRequested: {
      const detail = (event as EventEnvelope<Detail<typeof RetrainingRequested>>).detail;
      const spec = specs.get(detail.model);
      const by = detail.requestedBy ? ` by ${detail.requestedBy}` : '';
      return [
        {
          model: detail.model,
          environment: detail.environment ?? defaultEnvironment,
          trigger: {
            ...base,
            kind: detail.reason,
            reason: `${detail.reason} retraining requested${by}${detail.note ? `: ${detail.note}` : ''}`,
          },
          ...skipUnless(spec, () => true, ''),
        },
      ];
    }
    default:
      return [];
  }
};

const skipUnless = (
  spec: RegisteredSpec | undefined,
  enabled: (spec: RegisteredSpec['spec']) => boolean,
  reason: string,
): { skip?: string } => {
  if (!spec) return { skip: 'no spec is registered for this model' };
  return enabled(spec.spec) ? {} : { skip: reason };
};

const fromPush = (
  event: EventEnvelope<Detail<typeof CodePushed>>,
  specs: ReadonlyMap<string, RegisteredSpec>,
  environment: string,
  base: { eventId: string; receivedAt: string },
): TriggerCandidate[] => {
  const { detail } = event;
  const short = detail.commit.slice(0, 7);
  const pushBase = { ...base, eventId: triggerIdOfPush(base.eventId, detail.deliveryId) };
  return [...specs.values()].map((s) => {
    const touched = filesMatching(detail.changedFiles, s.spec.model.paths);
    const trigger: TriggerRef = {
      ...pushBase,
      kind: 'code-push',
      commit: detail.commit,
      reason: `push to ${detail.repository} ${detail.ref} at ${short} touching ${touched.length} of the model's files (${touched.slice(0, 3).join(', ')}${touched.length > 3 ? ', ...' : ''})`,
    };
    if (!s.spec.retraining.onCodePush)
      return { model: s.model, environment, trigger, skip: 'retraining on code push is off in the spec' };
    if (touched.length === 0) {
      return {
        model: s.model,
        environment,
        trigger: { ...trigger, reason: `push to ${detail.repository} ${detail.ref} at ${short}` },
        skip: `the push touches none of the model's paths (${s.spec.model.paths.join(', ')})`,
      };
    }
    return { model: s.model, environment, trigger };
  });
};

const fromObjectCreated = (
  event: EventEnvelope<Detail<typeof ObjectCreated>>,
  specs: ReadonlyMap<string, RegisteredSpec>,
  environment: string,
  base: { eventId: string; receivedAt: string },
): TriggerCandidate[] => {
  const { bucket, object } = event.detail;
  const uri = `s3://${bucket.name}/${object.key}`;
  const version = object['version-id'] ?? object.etag ?? object.sequencer;
  const dataVersion = version ? `${uri}#${version}` : uri;
  return [...specs.values()]
    .filter((s) => s.spec.data.source.startsWith('s3://') && uri.startsWith(withSlash(s.spec.data.source)))
    .map((s) => ({
      model: s.model,
      environment,
      trigger: { ...base, kind: 'data-arrival' as const, dataVersion, reason: `new data ${uri}` },
      ...(s.spec.retraining.dataArrival.enabled
        ? {}
        : { skip: 'retraining on data arrival is off in the spec' }),
    }));
};

const withSlash = (prefix: string) => (prefix.endsWith('/') ? prefix : `${prefix}/`);
