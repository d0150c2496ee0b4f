/** Amazon States Language shapes, as the engine reads them (the validator checks them first). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Workflow variables of a scope; inner scopes inherit the outer ones through the prototype chain. */
export type Variables = Record<string, Json>;

export type QueryLanguage = 'JSONPath' | 'JSONata';

export type StateType = 'Pass' | 'Task' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
  Comment?: string;
}

export interface Catcher {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
  Output?: Json;
  Assign?: JsonObject;
  Comment?: string;
}

export interface ChoiceRule {
  Next?: string;
  Variable?: string;
  And?: ChoiceRule[];
  Or?: ChoiceRule[];
  Not?: ChoiceRule;
  Condition?: Json;
  Assign?: JsonObject;
  Comment?: string;
  [operator: string]: Json | ChoiceRule | ChoiceRule[] | undefined;
}

/** A set of states with an entry point: the machine itself, a Parallel branch or a Map processor. */
export interface Branch {
  StartAt: string;
  States: Record<string, AslState>;
  QueryLanguage?: QueryLanguage;
  Comment?: string;
}

export interface StateMachineDefinition extends Branch {
  TimeoutSeconds?: number;
  Version?: string;
}

export interface AslState {
  Type: StateType;
  Comment?: string;
  QueryLanguage?: QueryLanguage;
  Next?: string;
  End?: boolean;
  InputPath?: string | null;
  OutputPath?: string | null;
  ResultPath?: string | null;
  Parameters?: Json;
  ResultSelector?: Json;
  Result?: Json;
  Arguments?: Json;
  Output?: Json;
  Assign?: JsonObject;
  Resource?: string;
  TimeoutSeconds?: number | string;
  TimeoutSecondsPath?: string;
  HeartbeatSeconds?: number | string;
  HeartbeatSecondsPath?: string;
  Retry?: Retrier[];
  Catch?: Catcher[];
  Choices?: ChoiceRule[];
  Default?: string;
  Seconds?: number | string;
  SecondsPath?: string;
  Timestamp?: string;
  TimestampPath?: string;
  Error?: string;
  ErrorPath?: string;
  Cause?: string;
  CausePath?: string;
  Branches?: Branch[];
  ItemsPath?: string;
  Items?: Json;
  ItemSelector?: Json;
  ItemProcessor?: Branch & { ProcessorConfig?: JsonObject };
  Iterator?: Branch;
  MaxConcurrency?: number | string;
  MaxConcurrencyPath?: string;
  ToleratedFailureCount?: number | string;
  ToleratedFailureCountPath?: string;
  ToleratedFailurePercentage?: number | string;
  ToleratedFailurePercentagePath?: string;
}

export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
