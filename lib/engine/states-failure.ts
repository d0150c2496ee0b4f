/**
 * A failure inside an execution: `error` is what Retry/Catch `ErrorEquals` match (a `States.*` name or
 * a task's thrown error name), `cause` the human explanation. Not a ConveyorError: it is data the
 * state machine handles, and only becomes the execution's `error`/`cause` when nothing catches it.
 */
export class StatesFailure extends Error {
  override name = 'StatesFailure' as const;

  constructor(
    readonly error: string,
    override readonly cause: string,
  ) {
    super(`${error}: ${cause}`);
  }
}

/** Raised inside a run when the execution (or a sibling branch) was stopped; never caught by Catch. */
export class RunAborted extends Error {
  override name = 'RunAborted' as const;
}

export const fail = (error: string, cause: string): never => {
  throw new StatesFailure(error, cause);
};
