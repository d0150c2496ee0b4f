/**
 * Turns a batch column into typed arrays: numbers (integers, decimals, booleans as 0/1, timestamps
 * as epoch milliseconds) into a Float64Array, strings into dictionary codes. Each cell gets a
 * state: ok, null, or invalid for the declared type. CSV cells are parsed straight from bytes.
 */
import type { BatchColumn, ByteCells } from './batch';
import type { StringDictionary } from './string-dictionary';

export const CELL_OK = 0;
export const CELL_NULL = 1;
export const CELL_INVALID = 2;

export type ValueType = 'string' | 'integer' | 'number' | 'boolean' | 'timestamp';
export type NumericType = Exclude<ValueType, 'string'>;

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const TWO_POW_53 = 2 ** 53;

/**
 * Decodes `rows` cells of `column` as `type` into `out` and `state`; returns the count of ok cells.
 * A missing column decodes as all nulls.
 */
export const decodeNumeric = (
  column: BatchColumn | undefined,
  rows: number,
  type: NumericType,
  out: Float64Array,
  state: Uint8Array,
): number => {
  if (column === undefined) return decodeMissing(rows, state);
  let ok = 0;
  if (column.kind === 'bytes') {
    const { buf, starts, ends, offset, stride } = column;
    // Values the reader parsed while scanning, when it parsed them as this type.
    const parsed =
      column.parsedAs === (type === 'timestamp' ? 'timestamp' : 'integer') && type !== 'boolean'
        ? column.parsed
        : undefined;
    for (let i = 0, at = offset; i < rows; i++, at += stride) {
      if (parsed !== undefined) {
        const value = parsed[i] as number;
        if (!Number.isNaN(value)) {
          out[i] = value;
          state[i] = CELL_OK;
          ok++;
          continue;
        }
      }
      const start = starts[at] as number;
      const end = ends[at] as number;
      if (start === end) {
        state[i] = CELL_NULL;
        continue;
      }
      let value: number;
      if (type === 'timestamp') value = parseTimestampBytes(buf, start, end);
      else if (type === 'boolean') value = parseBooleanText(buf.toString('latin1', start, end));
      else {
        value = parseNumberBytes(buf, start, end);
        if (type === 'integer' && !Number.isInteger(value)) value = Number.NaN;
      }
      if (!Number.isNaN(value)) {
        out[i] = value;
        state[i] = CELL_OK;
        ok++;
      } else state[i] = CELL_INVALID;
    }
    return ok;
  }
  const { values } = column;
  for (let i = 0; i < rows; i++) {
    const value = decodeValue(values[i], type);
    if (value === undefined) state[i] = CELL_NULL;
    else if (!Number.isNaN(value)) {
      out[i] = value;
      state[i] = CELL_OK;
      ok++;
    } else state[i] = CELL_INVALID;
  }
  return ok;
};

/** A missing column decodes as all nulls: no cell is ok. */
const decodeMissing = (rows: number, state: Uint8Array): number => {
  state.fill(CELL_NULL, 0, rows);
  return 0;
};

/** Decodes a cell already typed by its format; NaN when it is not of `type`, undefined when null. */
const decodeValue = (value: unknown, type: NumericType): number | undefined => {
  if (value === null || value === undefined) return undefined;
  switch (type) {
    case 'integer':
      if (typeof value === 'bigint') return Number(value);
      return typeof value === 'number' && Number.isInteger(value) ? value : Number.NaN;
    case 'number':
      if (typeof value === 'bigint') return Number(value);
      return typeof value === 'number' && Number.isFinite(value) ? value : Number.NaN;
    case 'boolean':
      return typeof value === 'boolean' ? Number(value) : Number.NaN;
    case 'timestamp':
      if (value instanceof Date) return value.getTime();
      return typeof value === 'string' ? parseTimestampText(value) : Number.NaN;
  }
};

/**
 * Decimal text to a number. The fast path (mantissa below 2^53, no exponent) is exact: an integer
 * below 2^53 divided by an exact power of ten rounds correctly. Anything else goes through Number.
 */
export const parseNumberBytes = (buf: Uint8Array, start: number, end: number): number => {
  let i = start;
  let negative = false;
  const sign = buf[i];
  if (sign === 45) {
    negative = true;
    i++;
  } else if (sign === 43) i++;
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let dot = false;
  for (; i < end; i++) {
    const c = buf[i] as number;
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (dot) scale++;
    } else if (c === 46 && !dot) dot = true;
    else break;
  }
  if (i === end && digits > 0 && mantissa < TWO_POW_53) {
    const value = scale === 0 ? mantissa : mantissa / (POW10[scale] as number);
    return negative ? -value : value;
  }
  const text = Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('latin1');
  return NUMBER_TEXT.test(text) ? Number(text) : Number.NaN;
};

const parseBooleanText = (text: string): number => {
  switch (text) {
    case 'true':
    case 'True':
    case 'TRUE':
    case '1':
      return 1;
    case 'false':
    case 'False':
    case 'FALSE':
    case '0':
      return 0;
    default:
      return Number.NaN;
  }
};

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * ISO 8601 timestamps: YYYY-MM-DD, optionally followed by T or a space and HH:MM[:SS[.fraction]],
 * and Z or ±HH:MM. Timestamps without an offset are read as UTC. Returns epoch ms, or NaN.
 */
export const parseTimestampBytes = (buf: Uint8Array, start: number, end: number): number => {
  if (end - start < 10 || buf[start + 4] !== 45 || buf[start + 7] !== 45) return Number.NaN;
  const year = twoDigits(buf, start) * 100 + twoDigits(buf, start + 2);
  const month = twoDigits(buf, start + 5);
  const day = twoDigits(buf, start + 8);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) return Number.NaN;
  let ms = monthStartMs(year, month) + (day - 1) * 86_400_000;
  let i = start + 10;
  if (i === end) return ms;
  const separator = buf[i];
  if ((separator !== 84 && separator !== 32) || end - i < 6 || buf[i + 3] !== 58) return Number.NaN;
  const hour = twoDigits(buf, i + 1);
  const minute = twoDigits(buf, i + 4);
  let second = 0;
  i += 6;
  if (i < end && buf[i] === 58) {
    if (end - i < 3) return Number.NaN;
    second = twoDigits(buf, i + 1);
    i += 3;
    if (i < end && buf[i] === 46) {
      let scale = 100;
      const fractionStart = ++i;
      while (i < end && (buf[i] as number) >= 48 && (buf[i] as number) <= 57) {
        ms += ((buf[i] as number) - 48) * scale;
        scale /= 10;
        i++;
      }
      if (i === fractionStart) return Number.NaN;
    }
  }
  if (!(hour <= 23 && minute <= 59 && second <= 59)) return Number.NaN;
  ms += hour * 3_600_000 + minute * 60_000 + second * 1000;
  if (i === end) return ms;
  const zone = buf[i];
  if (zone === 90 && i + 1 === end) return ms;
  if ((zone === 43 || zone === 45) && i + 6 === end && buf[i + 3] === 58) {
    const offset = twoDigits(buf, i + 1) * 60 + twoDigits(buf, i + 4);
    return !Number.isNaN(offset) ? ms - (zone === 43 ? 1 : -1) * offset * 60_000 : Number.NaN;
  }
  return Number.NaN;
};

/** Two ASCII digits as a number, NaN when either is not a digit. */
const twoDigits = (buf: Uint8Array, at: number): number => {
  const a = (buf[at] as number) - 48;
  const b = (buf[at + 1] as number) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : Number.NaN;
};

const daysInMonth = (year: number, month: number): number =>
  month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
    ? 29
    : (DAYS_IN_MONTH[month - 1] as number);

// Timestamps in a file cluster in a few months: remember the last month's start.
let cachedMonth = -1;
let cachedMonthMs = 0;
const monthStartMs = (year: number, month: number): number => {
  const key = year * 12 + month;
  if (key !== cachedMonth) {
    cachedMonth = key;
    cachedMonthMs = daysFromCivil(year, month, 1) * 86_400_000;
  }
  return cachedMonthMs;
};

export const parseTimestampText = (text: string): number => {
  const bytes = Buffer.from(text, 'latin1');
  return parseTimestampBytes(bytes, 0, bytes.length);
};

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
const daysFromCivil = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
};

/**
 * Decodes a string column to dictionary codes. Returns the count of ok cells; `codes[i]` is -1 for a
 * value beyond the dictionary's capacity, whose text the caller reads with `cellText`.
 */
export const decodeStrings = (
  column: BatchColumn | undefined,
  rows: number,
  dictionary: StringDictionary,
  codes: Int32Array,
  state: Uint8Array,
): number => {
  if (column === undefined) return decodeMissing(rows, state);
  let ok = 0;
  if (column.kind === 'bytes') return decodeStringBytes(column, rows, dictionary, codes, state);
  const { values } = column;
  for (let i = 0; i < rows; i++) {
    const value = values[i];
    if (value === null || value === undefined) state[i] = CELL_NULL;
    else if (typeof value !== 'string') state[i] = CELL_INVALID;
    else {
      codes[i] = dictionary.internString(value);
      state[i] = CELL_OK;
      ok++;
    }
  }
  return ok;
};

const decodeStringBytes = (
  column: ByteCells,
  rows: number,
  dictionary: StringDictionary,
  codes: Int32Array,
  state: Uint8Array,
): number => {
  const { buf, starts, ends, escaped, offset, stride } = column;
  let ok = 0;
  for (let i = 0, at = offset; i < rows; i++, at += stride) {
    const start = starts[at] as number;
    const end = ends[at] as number;
    if (start === end) {
      state[i] = CELL_NULL;
      continue;
    }
    codes[i] =
      escaped[at] === 1
        ? dictionary.internString(buf.toString('utf8', start, end).replaceAll('""', '"'))
        : dictionary.internBytes(buf, start, end);
    state[i] = CELL_OK;
    ok++;
  }
  return ok;
};
