/**
 * Schedule expressions exactly as EventBridge Scheduler writes them, and when they fire (UTC):
 *
 * - `rate(N unit)`: unit minute(s), hour(s) or day(s), singular for 1 and plural above; every N units
 *   from the schedule's anchor (when it was created or its expression last changed).
 * - `cron(minutes hours day-of-month month day-of-week year)`: six fields. Day-of-month and
 *   day-of-week cannot both be given: one of them is `?`. Fields take `,` `-` `*` `/`; day-of-month
 *   also `L` (last day), `LW` and `nW` (nearest weekday); day-of-week `1-7` or `SUN-SAT`, `L`, `nL`
 *   (last such weekday of the month) and `n#k` (k-th such weekday). Months take `JAN-DEC`.
 * - `at(yyyy-mm-ddThh:mm:ss)`: once.
 */
import { InvalidInputError } from '../errors/invalid-input-error';

export type ScheduleExpression =
  | { kind: 'rate'; periodMs: number }
  | { kind: 'cron'; cron: Cron }
  | { kind: 'at'; at: Date };

interface Cron {
  minutes: Set<number>;
  hours: Set<number>;
  dayOfMonth: DayOfMonth;
  months: Set<number>;
  dayOfWeek: DayOfWeek;
  years: Set<number>;
}

type DayOfMonth =
  | { kind: 'any' }
  | { kind: 'days'; days: Set<number> }
  | { kind: 'last' }
  | { kind: 'lastWeekday' }
  | { kind: 'nearestWeekday'; day: number };
type DayOfWeek =
  | { kind: 'any' }
  | { kind: 'days'; days: Set<number> }
  | { kind: 'last'; weekday: number }
  | { kind: 'nth'; weekday: number; nth: number };

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const MINUTE = 60_000;
const LAST_YEAR = 2199;

export const parseScheduleExpression = (expression: string): ScheduleExpression => {
  const fail = (why: string): never => {
    throw new InvalidInputError(`schedule expression ${JSON.stringify(expression)} is invalid: ${why}`);
  };
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    const unit = rate[2] as string;
    if (value < 1) fail('the rate must be at least 1');
    if ((value === 1) !== !unit.endsWith('s')) fail('use a singular unit for 1 and a plural unit above 1');
    return { kind: 'rate', periodMs: value * UNIT_MS[unit.replace(/s$/, '') as keyof typeof UNIT_MS] };
  }
  const at = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/.exec(expression);
  if (at) {
    const date = new Date(`${at[1]}Z`);
    // Date normalizes 02-30 to 03-02: a date that does not round-trip does not exist.
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 19) !== at[1])
      fail('the date does not exist');
    return { kind: 'at', at: date };
  }
  const cron = /^cron\((.+)\)$/.exec(expression);
  if (!cron) return fail('expected rate(N unit), cron(...) or at(yyyy-mm-ddThh:mm:ss)');
  const fields = (cron[1] as string).trim().split(/\s+/);
  if (fields.length !== 6)
    return fail(
      `cron takes 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`,
    );
  const [minutes, hours, dom, month, dow, year] = fields as [string, string, string, string, string, string];
  try {
    const dayOfMonth = parseDayOfMonth(dom);
    const dayOfWeek = parseDayOfWeek(dow);
    if ((dom === '?') === (dow === '?'))
      throw new Error('exactly one of day-of-month and day-of-week must be ?');
    return {
      kind: 'cron',
      cron: {
        minutes: parseField(minutes, 0, 59, 'minutes'),
        hours: parseField(hours, 0, 23, 'hours'),
        dayOfMonth,
        months: parseField(month, 1, 12, 'month', MONTHS, 1),
        dayOfWeek,
        years: parseField(year, 1970, LAST_YEAR, 'year'),
      },
    };
  } catch (error) {
    return fail((error as Error).message);
  }
};

/**
 * The first time the expression fires strictly after `after`, or undefined when it never will.
 * `anchor` is where a rate counts from.
 */
export const nextFireTime = (expression: ScheduleExpression, after: Date, anchor: Date): Date | undefined => {
  if (expression.kind === 'at') return expression.at > after ? expression.at : undefined;
  if (expression.kind === 'rate') {
    const elapsed = after.getTime() - anchor.getTime();
    const periods = elapsed < 0 ? 1 : Math.floor(elapsed / expression.periodMs) + 1;
    return new Date(anchor.getTime() + periods * expression.periodMs);
  }
  return nextCronTime(expression.cron, after);
};

/** The last time the expression fired at or before `now` and after `since`, or undefined. */
export const latestFireTime = (
  expression: ScheduleExpression,
  since: Date,
  now: Date,
  anchor: Date,
): Date | undefined => {
  if (expression.kind === 'rate') {
    const periods = Math.floor((now.getTime() - anchor.getTime()) / expression.periodMs);
    const latest = new Date(anchor.getTime() + periods * expression.periodMs);
    return periods >= 1 && latest > since ? latest : undefined;
  }
  let latest: Date | undefined;
  for (
    let next = nextFireTime(expression, since, anchor);
    next && next <= now;
    next = nextFireTime(expression, next, anchor)
  ) {
    latest = next;
  }
  return latest;
};

const nextCronTime = (cron: Cron, after: Date): Date | undefined => {
  const start = new Date(Math.floor(after.getTime() / MINUTE) * MINUTE + MINUTE);
  const minutes = [...cron.minutes].sort((a, b) => a - b);
  const hours = [...cron.hours].sort((a, b) => a - b);
  const day = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
  for (; day.getUTCFullYear() <= LAST_YEAR; day.setUTCDate(day.getUTCDate() + 1)) {
    if (!cron.years.has(day.getUTCFullYear())) {
      day.setUTCFullYear(day.getUTCFullYear() + 1, 0, 0);
      continue;
    }
    if (!cron.months.has(day.getUTCMonth() + 1) || !dayMatches(cron, day)) continue;
    for (const hour of hours) {
      for (const minute of minutes) {
        const time = new Date(day.getTime() + hour * 3_600_000 + minute * MINUTE);
        if (time >= start) return time;
      }
    }
  }
  return undefined;
};

const dayMatches = (cron: Cron, day: Date): boolean => {
  const year = day.getUTCFullYear();
  const month = day.getUTCMonth();
  const date = day.getUTCDate();
  const weekday = day.getUTCDay() + 1;
  const lastDate = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const dom = cron.dayOfMonth;
  switch (dom.kind) {
    case 'days':
      return dom.days.has(date);
    case 'last':
      return date === lastDate;
    case 'lastWeekday':
      return date === nearestWeekday(year, month, lastDate, lastDate);
    case 'nearestWeekday':
      return dom.day <= lastDate && date === nearestWeekday(year, month, dom.day, lastDate);
    case 'any':
      break;
  }
  const dow = cron.dayOfWeek;
  switch (dow.kind) {
    case 'days':
      return dow.days.has(weekday);
    case 'last':
      return weekday === dow.weekday && date + 7 > lastDate;
    case 'nth':
      return weekday === dow.weekday && Math.ceil(date / 7) === dow.nth;
    case 'any':
      return true;
  }
};

/** The weekday nearest to `day` within its month (Quartz `W`). */
const nearestWeekday = (year: number, month: number, day: number, lastDate: number): number => {
  const weekday = new Date(Date.UTC(year, month, day)).getUTCDay();
  if (weekday === 6) return day === 1 ? 3 : day - 1;
  if (weekday === 0) return day === lastDate ? day - 2 : day + 1;
  return day;
};

const parseDayOfMonth = (field: string): DayOfMonth => {
  if (field === '?') return { kind: 'any' };
  if (field === 'L') return { kind: 'last' };
  if (field === 'LW') return { kind: 'lastWeekday' };
  const weekday = /^(\d{1,2})W$/.exec(field);
  if (weekday) {
    const day = Number(weekday[1]);
    if (day < 1 || day > 31) throw new Error(`day-of-month ${day} is out of range 1-31`);
    return { kind: 'nearestWeekday', day };
  }
  return { kind: 'days', days: parseField(field, 1, 31, 'day-of-month') };
};

const parseDayOfWeek = (field: string): DayOfWeek => {
  if (field === '?') return { kind: 'any' };
  if (field === 'L') return { kind: 'last', weekday: 7 };
  const last = /^([A-Z]{3}|\d)L$/i.exec(field);
  if (last) return { kind: 'last', weekday: value(last[1] as string, 1, 7, 'day-of-week', WEEKDAYS, 1) };
  const nth = /^([A-Z]{3}|\d)#(\d)$/i.exec(field);
  if (nth) {
    const k = Number(nth[2]);
    if (k < 1 || k > 5) throw new Error(`day-of-week #${k} is out of range 1-5`);
    return { kind: 'nth', weekday: value(nth[1] as string, 1, 7, 'day-of-week', WEEKDAYS, 1), nth: k };
  }
  return { kind: 'days', days: parseField(field, 1, 7, 'day-of-week', WEEKDAYS, 1) };
};

/** A field of `,`-separated items: `*`, `a`, `a-b`, each optionally `/step`. */
const parseField = (
  field: string,
  min: number,
  max: number,
  name: string,
  names?: string[],
  firstNamed = 0,
): Set<number> => {
  const values = new Set<number>();
  for (const item of field.split(',')) {
    const match = /^(\*|[A-Z0-9]+(?:-[A-Z0-9]+)?)(?:\/(\d+))?$/i.exec(item);
    if (!match) throw new Error(`${name} item ${JSON.stringify(item)} is not valid`);
    const [range, stepText] = [match[1] as string, match[2]];
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) throw new Error(`${name} step must be at least 1`);
    let from = min;
    let to = max;
    if (range !== '*') {
      const [a, b] = range.split('-') as [string, string | undefined];
      from = value(a, min, max, name, names, firstNamed);
      to =
        b === undefined ? (stepText === undefined ? from : max) : value(b, min, max, name, names, firstNamed);
      if (to < from) throw new Error(`${name} range ${range} runs backwards`);
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
};

const value = (
  text: string,
  min: number,
  max: number,
  name: string,
  names?: string[],
  firstNamed = 0,
): number => {
  const named = names?.indexOf(text.toUpperCase()) ?? -1;
  const n = named >= 0 ? named + firstNamed : /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name} value ${text} is out of range ${min}-${max}`);
  return n;
};
