import { LocalScheduler } from '../../../lib/monitoring/local-scheduler';
import { createDynamoDBStateStore } from '../../../lib/store/dynamodb/dynamodb-state-store';
import { createStateTable } from '../../helpers/dynalite';

const MINUTE = 60_000;

describe('the local scheduler on the DynamoDB state store', () => {
  it('fires each slot once across a restart and a second scheduler on the same table', async () => {
    const { documentClient, tableName } = await createStateTable();
    const store = createDynamoDBStateStore(documentClient, tableName);
    // The schedulers' clock runs ahead of real time by `shift`, so that a minute passes when the test says.
    let shift = 0;
    const fired: string[] = [];
    const scheduler = () =>
      new LocalScheduler({
        repository: store.schedules,
        clock: () => new Date(Date.now() + shift),
        onFire: async ({ slot }) => {
          fired.push(slot.toISOString());
        },
      });
    const until = async (condition: () => boolean) => {
      while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
    };

    const first = scheduler();
    first.start();
    await first.put({ model: 'churn', expression: 'rate(1 minute)', enabled: true });
    const anchor = new Date(
      (await store.schedules.getSchedule('conveyor-monitoring-churn'))?.anchorAt as string,
    );
    shift = MINUTE - 50;
    // Putting the same schedule again keeps its anchor and re-arms the timer with the shifted clock.
    await first.put({ model: 'churn', expression: 'rate(1 minute)', enabled: true });
    await until(() => fired.length === 1);
    await first.stop();

    shift = 3 * MINUTE + 100;
    const restarted = scheduler();
    const second = scheduler();
    restarted.start();
    second.start();
    await until(() => fired.length >= 2);
    // Give the other scheduler the chance to fire the same slot again, which it must not take.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await Promise.all([restarted.stop(), second.stop()]);

    expect(fired).toEqual([
      new Date(anchor.getTime() + MINUTE).toISOString(),
      new Date(anchor.getTime() + 3 * MINUTE).toISOString(),
    ]);
  });
});
