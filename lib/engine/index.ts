// The local Step Functions engine: API, resolver port, history stores and definition checks.
export type { AslState, Json, StateMachineDefinition } from './asl';
export type { Clock } from './clock';
export { DynamoDbHistoryStore } from './dynamodb-history-store';
export { type DescribeExecutionOutput, type EngineOptions, StepFunctionsEngine } from './engine';
export type { HistoryEvent, HistoryEventType } from './history';
export type { ExecutionRecord, ExecutionStatus, HistoryStore } from './history-store';
export { MemoryHistoryStore } from './memory-history-store';
export { createTaskResolver, type TaskContext, type TaskHandler, type TaskResolver } from './task-resolver';
export { type DefinitionProblem, parseDefinition, validateDefinition } from './validate-definition';
