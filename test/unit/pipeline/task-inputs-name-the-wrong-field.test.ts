import { makeHandler } from '../../../functions/start-training';
import { InvalidInputError } from '../../../lib/errors/invalid-input-error';
import { finishRunInput, parseTaskInput, startTrainingInput } from '../../../lib/pipeline/task-inputs';
import { createMemoryStateStore } from '../../../lib/store/memory/memory-state-store';

describe('pipeline task inputs', () => {
  it('names the wrong field of a malformed task input', () => {
    expect(() => parseTaskInput(startTrainingInput, { runId: 'r1', attempt: 0 }, 'StartTraining')).toThrow(
      new InvalidInputError('StartTraining: attempt: Too small: expected number to be >0'),
    );
    expect(() =>
      parseTaskInput(finishRunInput, { runId: 'r1', outcome: 'FAILED', error: {} }, 'FinishRun'),
    ).toThrow(/FinishRun: failedStep: /);
    expect(() => parseTaskInput(startTrainingInput, 'not an object', 'StartTraining')).toThrow(
      /StartTraining: \(input\)/,
    );
  });

  it('fails a task handler with InvalidInputError before it touches the store', async () => {
    const store = createMemoryStateStore();
    const handler = makeHandler({
      store,
      training: { start: jest.fn(), describe: jest.fn(), stop: jest.fn() },
      clock: () => new Date(),
    });

    await expect(handler({ attempt: 1 }, {} as never)).rejects.toMatchObject({
      name: 'InvalidInputError',
      message: expect.stringContaining('StartTraining: runId'),
    });
  });
});
