import { parseNumberBytes, parseTimestampText } from '../../../lib/data/decode';

const number = (text: string) => parseNumberBytes(Buffer.from(text), 0, text.length);

describe('cell decoding', () => {
  it.each([
    ['42', 42],
    ['-7', -7],
    ['+3.25', 3.25],
    ['0.1', 0.1],
    ['.5', 0.5],
    ['1.', 1],
    ['1e3', 1000],
    ['-2.5E-2', -0.025],
    ['9007199254740993', 9007199254740992],
  ])('parses %s as %d, exactly as Number does', (text, expected) => {
    expect(number(text)).toBe(expected);
  });

  it.each(['', '-', 'abc', '1,5', ' 1', '1 ', '0x10', '1e', 'NaN', 'Infinity'])(
    'rejects %j as a number',
    (text) => {
      expect(number(text)).toBeNaN();
    },
  );

  it.each([
    ['2001-01-01', Date.UTC(2001, 0, 1)],
    ['2001-01-01T00:05:00', Date.UTC(2001, 0, 1, 0, 5)],
    ['2024-02-29 23:59', Date.UTC(2024, 1, 29, 23, 59)],
    ['2024-06-30T12:00:00.25Z', Date.UTC(2024, 5, 30, 12, 0, 0, 250)],
    ['2024-06-30T12:00:00+02:00', Date.UTC(2024, 5, 30, 10)],
    ['1969-12-31T23:59:59-00:30', Date.UTC(1970, 0, 1, 0, 29, 59)],
  ])('parses the ISO 8601 timestamp %s as UTC milliseconds', (text, expected) => {
    expect(parseTimestampText(text)).toBe(expected);
  });

  it.each([
    '2023-02-29',
    '2024-13-01',
    '2024-01-01T24:00',
    '2024-01-01X10:00',
    '01/02/2024',
    '2024-01-01T10:00+2',
  ])('rejects %s as a timestamp', (text) => {
    expect(parseTimestampText(text)).toBeNaN();
  });
});
