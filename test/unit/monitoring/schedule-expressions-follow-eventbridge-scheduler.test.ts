import { InvalidInputError } from '../../../lib/errors/invalid-input-error';
import {
  latestFireTime,
  nextFireTime,
  parseScheduleExpression,
} from '../../../lib/monitoring/schedule-expression';

const ANCHOR = new Date('2026-11-26T10:07:00Z');
const next = (expression: string, after: string) =>
  nextFireTime(parseScheduleExpression(expression), new Date(after), ANCHOR)?.toISOString();

describe('schedule expressions', () => {
  it.each([
    ['rate(1 day)', '2026-11-26T10:07:00Z', '2026-11-27T10:07:00.000Z'],
    ['rate(15 minutes)', '2026-11-26T10:30:00Z', '2026-11-26T10:37:00.000Z'],
    ['cron(0 12 * * ? *)', '2026-11-26T12:00:00Z', '2026-11-27T12:00:00.000Z'],
    ['cron(0/15 * * * ? *)', '2026-11-26T10:07:00Z', '2026-11-26T10:15:00.000Z'],
    ['cron(30 8 ? * MON-FRI *)', '2026-11-27T09:00:00Z', '2026-11-30T08:30:00.000Z'],
    ['cron(15 10 ? * 6L 2026)', '2026-11-01T00:00:00Z', '2026-11-27T10:15:00.000Z'],
    ['cron(0 8 ? * MON#1 *)', '2026-11-26T00:00:00Z', '2026-12-07T08:00:00.000Z'],
    ['cron(0 0 L * ? *)', '2026-02-01T00:00:00Z', '2026-02-28T00:00:00.000Z'],
    ['cron(0 9 15W * ? *)', '2026-11-01T00:00:00Z', '2026-11-16T09:00:00.000Z'],
    ['cron(0 9 LW * ? *)', '2026-05-01T00:00:00Z', '2026-05-29T09:00:00.000Z'],
    ['cron(0 6 1 JAN,JUL ? *)', '2026-11-26T00:00:00Z', '2027-01-01T06:00:00.000Z'],
    ['at(2026-12-24T18:00:00)', '2026-11-26T00:00:00Z', '2026-12-24T18:00:00.000Z'],
  ])('%s after %s fires next at %s', (expression, after, expected) => {
    expect(next(expression, after)).toBe(expected);
  });

  it('never fires again once an at() time or the last cron year has passed', () => {
    expect(next('at(2026-01-01T00:00:00)', '2026-11-26T00:00:00Z')).toBeUndefined();
    expect(next('cron(0 0 1 1 ? 2025)', '2026-11-26T00:00:00Z')).toBeUndefined();
  });

  it('finds the latest slot at or before now, for coalescing missed slots', () => {
    const latest = latestFireTime(
      parseScheduleExpression('rate(1 hour)'),
      ANCHOR,
      new Date('2026-11-26T15:00:00Z'),
      ANCHOR,
    );

    expect(latest?.toISOString()).toBe('2026-11-26T14:07:00.000Z');
  });

  it.each([
    ['rate(1 minutes)', /singular unit for 1/],
    ['rate(5 minute)', /plural unit above 1/],
    ['rate(0 minutes)', /at least 1/],
    ['rate(2 weeks)', /expected rate/],
    ['cron(0 12 * * ?)', /cron takes 6 fields/],
    ['cron(0 12 * * MON *)', /exactly one of day-of-month and day-of-week must be \?/],
    ['cron(0 24 * * ? *)', /hours value 24 is out of range 0-23/],
    ['cron(0 12 ? FOO * *)', /month value FOO/],
    ['at(2026-02-30T00:00:00)', /does not exist/],
  ])('refuses %s', (expression, message) => {
    expect(() => parseScheduleExpression(expression)).toThrow(InvalidInputError);
    expect(() => parseScheduleExpression(expression)).toThrow(message);
  });
});
