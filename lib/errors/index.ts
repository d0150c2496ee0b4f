// The error vocabulary: state machines Catch and Retry on these names.
export * from './alias-conflict-error';
export * from './already-exists-error';
export * from './approval-rejected-error';
export * from './conveyor-error';
export * from './data-validation-failed-error';
export * from './deployment-failed-error';
export * from './deployment-rolled-back-error';
export * from './duplicate-event-error';
// Step Functions API errors keep AWS's names (without the Error suffix) so callers can match them as on AWS.
export * from './execution-already-exists-error';
export * from './execution-does-not-exist-error';
export * from './execution-not-redrivable-error';
export * from './history-conflict-error';
export * from './invalid-definition-error';
export * from './invalid-input-error';
export * from './invalid-run-transition-error';
export * from './lease-held-error';
export * from './lease-lost-error';
export * from './not-found-error';
export * from './quality-gate-failed-error';
export * from './spec-invalid-error';
export * from './state-machine-does-not-exist-error';
export * from './task-does-not-exist-error';
export * from './task-timed-out-error';
export * from './training-failed-error';
