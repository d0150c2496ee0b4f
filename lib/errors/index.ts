// The error vocabulary: state machines Catch and Retry on these names.
export * from './alias-conflict-error';
export * from './already-exists-error';
export * from './approval-rejected-error';
export * from './conveyor-error';
export * from './data-validation-failed-error';
export * from './deployment-failed-error';
export * from './deployment-rolled-back-error';
export * from './duplicate-event-error';
export * from './invalid-input-error';
export * from './invalid-run-transition-error';
export * from './lease-held-error';
export * from './lease-lost-error';
export * from './not-found-error';
export * from './quality-gate-failed-error';
export * from './spec-invalid-error';
export * from './store-contention-error';
export * from './training-failed-error';
