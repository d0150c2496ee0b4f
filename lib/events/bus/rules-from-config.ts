/**
 * The EventBridge rules declared in serverless.yml, as the local bus runs them: every
 * `functions.<name>.events[].eventBridge` with a `pattern` targets that function, with its retry policy
 * (EventBridge's defaults when absent: 185 retries, 24 hours).
 */
import type { ServerlessConfig } from '../../config/serverless-config';
import { InvalidEventPatternError } from '../../errors/invalid-event-pattern-error';
import { InvalidInputError } from '../../errors/invalid-input-error';
import { type CompiledPattern, compilePattern } from '../pattern/compile-pattern';

export interface RetryPolicy {
  maximumRetryAttempts: number;
  maximumEventAgeInSeconds: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maximumRetryAttempts: 185,
  maximumEventAgeInSeconds: 86_400,
};

export interface BusRule {
  name: string;
  pattern: CompiledPattern;
  /** The function the rule invokes. */
  target: string;
  retryPolicy: RetryPolicy;
}

interface EventBridgeEvent {
  name?: string;
  pattern?: unknown;
  retryPolicy?: { maximumRetryAttempts?: number; maximumEventAge?: number };
}

const SELF_REFERENCE = /\$\{self:([\w.-]+)\}/g;

/**
 * Resolves `${self:...}` references the way the Serverless Framework does (a reference that is the
 * whole string takes the referenced value, objects included); other variables stay as written.
 */
const resolveSelf = (value: unknown, config: ServerlessConfig): unknown => {
  const lookup = (path: string): unknown =>
    path
      .split('.')
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], config);
  if (typeof value === 'string') {
    const whole = /^\$\{self:([\w.-]+)\}$/.exec(value);
    if (whole) return resolveSelf(lookup(whole[1] as string), config);
    return value.replace(SELF_REFERENCE, (ref, path: string) => {
      const found = lookup(path);
      return typeof found === 'string' || typeof found === 'number'
        ? String(resolveSelf(found, config))
        : ref;
    });
  }
  if (Array.isArray(value)) return value.map((item) => resolveSelf(item, config));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveSelf(v, config)]));
  }
  return value;
};

export const rulesFromConfig = (config: ServerlessConfig): BusRule[] => {
  const functions = (config.functions ?? {}) as Record<string, { events?: Record<string, unknown>[] }>;
  const rules: BusRule[] = [];
  for (const [functionName, fn] of Object.entries(functions)) {
    for (const [index, event] of (fn.events ?? []).entries()) {
      const eventBridge = resolveSelf(event.eventBridge, config) as EventBridgeEvent | undefined;
      if (!eventBridge?.pattern) continue;
      const name = eventBridge.name ?? `${functionName}-rule-${index + 1}`;
      let pattern: CompiledPattern;
      try {
        pattern = compilePattern(eventBridge.pattern);
      } catch (error) {
        if (!(error instanceof InvalidEventPatternError)) throw error;
        throw new InvalidInputError(
          `serverless.yml functions.${functionName}.events[${index}].eventBridge.pattern: ${error.message}`,
        );
      }
      rules.push({
        name,
        pattern,
        target: functionName,
        retryPolicy: {
          maximumRetryAttempts:
            eventBridge.retryPolicy?.maximumRetryAttempts ?? DEFAULT_RETRY_POLICY.maximumRetryAttempts,
          maximumEventAgeInSeconds:
            eventBridge.retryPolicy?.maximumEventAge ?? DEFAULT_RETRY_POLICY.maximumEventAgeInSeconds,
        },
      });
    }
  }
  return rules;
};
