/** The schedule repository's contract, run on memory (unit) and DynamoDB on dynalite (integration). */
import type { ScheduleDefinition, StateStore } from '../../lib/store/ports';

const T0 = new Date('2026-11-26T10:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

const daily: ScheduleDefinition = {
  name: 'conveyor-monitoring-churn',
  expression: 'rate(1 day)',
  state: 'ENABLED',
  input: { model: 'churn' },
};

export const describeScheduleRepositoryContract = (
  adapter: string,
  makeStore: () => Promise<StateStore>,
): void => {
  describe(`schedule repository contract: ${adapter}`, () => {
    let store: StateStore;

    beforeEach(async () => {
      store = await makeStore();
    });

    it('keeps the anchor while the expression stays, and moves it when the expression changes', async () => {
      const created = await store.schedules.putSchedule(daily, T0);
      const disabled = await store.schedules.putSchedule({ ...daily, state: 'DISABLED' }, at(60));
      const hourly = await store.schedules.putSchedule({ ...daily, expression: 'rate(1 hour)' }, at(120));

      expect(created).toEqual({
        ...daily,
        anchorAt: T0.toISOString(),
        createdAt: T0.toISOString(),
        updatedAt: T0.toISOString(),
      });
      expect(disabled).toMatchObject({
        state: 'DISABLED',
        anchorAt: T0.toISOString(),
        updatedAt: at(60).toISOString(),
      });
      expect(hourly).toMatchObject({ anchorAt: at(120).toISOString(), createdAt: T0.toISOString() });
      expect(await store.schedules.getSchedule(daily.name)).toEqual(hourly);
    });

    it('lists schedules by name and reports a missing one as undefined', async () => {
      await store.schedules.putSchedule({ ...daily, name: 'b' }, T0);
      await store.schedules.putSchedule({ ...daily, name: 'a' }, T0);

      expect((await store.schedules.listSchedules()).map((s) => s.name)).toEqual(['a', 'b']);
      expect(await store.schedules.getSchedule('c')).toBeUndefined();
    });

    it('lets a slot be claimed once, and only after every slot claimed before', async () => {
      await store.schedules.putSchedule(daily, T0);

      const first = await store.schedules.claimSlot(daily.name, at(86400).toISOString(), at(86400));
      const again = await store.schedules.claimSlot(daily.name, at(86400).toISOString(), at(86401));
      const earlier = await store.schedules.claimSlot(daily.name, at(3600).toISOString(), at(86402));
      const later = await store.schedules.claimSlot(daily.name, at(172800).toISOString(), at(172800));

      expect([first, again, earlier, later]).toEqual([true, false, false, true]);
      expect(await store.schedules.getLastFiredSlot(daily.name)).toBe(at(172800).toISOString());
      expect(await store.schedules.claimSlot('unknown', at(1).toISOString(), at(1))).toBe(false);
    });

    it('gives a slot claimed by concurrent schedulers to exactly one of them', async () => {
      await store.schedules.putSchedule(daily, T0);
      const slot = at(86400).toISOString();

      const claims = await Promise.all(
        Array.from({ length: 5 }, () => store.schedules.claimSlot(daily.name, slot, at(86400))),
      );

      expect(claims.filter(Boolean)).toHaveLength(1);
    });

    it('deletes a schedule with its fired slots, and reports deleting it again', async () => {
      await store.schedules.putSchedule(daily, T0);
      await store.schedules.claimSlot(daily.name, at(86400).toISOString(), at(86400));

      const deleted = await store.schedules.deleteSchedule(daily.name);
      const again = await store.schedules.deleteSchedule(daily.name);

      expect([deleted, again]).toEqual([true, false]);
      expect(await store.schedules.getSchedule(daily.name)).toBeUndefined();
      expect(await store.schedules.getLastFiredSlot(daily.name)).toBeUndefined();
    });
  });
};
