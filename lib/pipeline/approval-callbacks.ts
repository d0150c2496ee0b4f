/**
 * Answers a `.waitForTaskToken` task: SendTaskSuccess / SendTaskFailure on AWS, the engine's own
 * methods locally. Both throw AWS's `TaskTimedOut` / `InvalidToken` for a token that is no longer open.
 */
export interface ApprovalCallbacks {
  succeed(taskToken: string, output: unknown): Promise<void>;
  fail(taskToken: string, error: string, cause: string): Promise<void>;
}
