import { InvalidEventPatternError } from '../../../../lib/errors/invalid-event-pattern-error';
import { compilePattern } from '../../../../lib/events/pattern/compile-pattern';

const reasonOf = (pattern: unknown): string => {
  try {
    compilePattern(pattern);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEventPatternError);
    return (error as Error).message;
  }
  throw new Error('pattern was accepted');
};

describe('invalid event patterns are rejected with the reason AWS gives', () => {
  it.each([
    ['a pattern that is not an object', '[1]', 'Filter is not an object'],
    ['text that is not JSON', '{"source": ', 'Event pattern is not valid. Reason: '],
    ['an empty object', {}, 'Empty objects are not allowed'],
    ['a scalar field value', { source: 'aws.s3' }, '"source" must be an object or an array'],
    ['an empty value list', { source: [] }, 'Empty arrays are not allowed'],
    ['a nested array', { source: [['aws.s3']] }, 'Match value must be String, number, true, false, or null'],
    ['an unknown operator', { source: [{ contains: 'x' }] }, 'Unrecognized match type contains'],
    ['two operators in one expression', { source: [{ prefix: 'a', suffix: 'b' }] }, 'Only one key allowed'],
    ['a non-string prefix', { source: [{ prefix: 1 }] }, 'prefix match pattern must be a string'],
    ['a non-string suffix', { source: [{ suffix: true }] }, 'suffix match pattern must be a string'],
    [
      'a non-string equals-ignore-case',
      { source: [{ 'equals-ignore-case': 1 }] },
      'equals-ignore-case match',
    ],
    [
      'a non-boolean exists',
      { source: [{ exists: 'yes' }] },
      'exists match pattern must be either true or false.',
    ],
    ['numeric that is not an array', { n: [{ numeric: 5 }] }, 'Value of numeric must be an array.'],
    [
      'an unknown numeric operator',
      { n: [{ numeric: ['!=', 5] }] },
      'Unrecognized numeric range operator: !=',
    ],
    ['a non-numeric bound', { n: [{ numeric: ['>', 'five'] }] }, 'Value of > must be numeric'],
    [
      'a range whose bottom is above its top',
      { n: [{ numeric: ['>', 10, '<', 5] }] },
      'Bottom must be less than top',
    ],
    [
      'a range with a wrong upper operator',
      { n: [{ numeric: ['>', 0, '>', 5] }] },
      'Bad numeric range operator: >',
    ],
    ['a numeric expression that is too long', { n: [{ numeric: ['=', 1, '<', 2] }] }, 'Too many elements'],
    ['a number out of range', { n: [{ numeric: ['>', 6e9] }] }, 'Value must be between -5.0E9 and 5.0E9'],
    [
      'anything-but of a boolean',
      { s: [{ 'anything-but': true }] },
      'must be an array or single string/number',
    ],
    ['anything-but of a mixed list', { s: [{ 'anything-but': ['a', 1] }] }, 'mixed type is not supported'],
    ['anything-but of a list with null', { s: [{ 'anything-but': ['a', null] }] }, 'start|null|boolean'],
    ['anything-but of an empty prefix', { s: [{ 'anything-but': { prefix: '' } }] }, 'Null prefix/suffix'],
    [
      'anything-but of an unknown operator',
      { s: [{ 'anything-but': { numeric: [1] } }] },
      'Unsupported anything-but',
    ],
    ['a malformed cidr', { ip: [{ cidr: '10.0.0.0' }] }, "Malformed CIDR, one '/' required"],
    ['a cidr with too many bits', { ip: [{ cidr: '10.0.0.0/33' }] }, 'Invalid CIDR bit count: 33'],
    ['a cidr with a bad address', { ip: [{ cidr: '10.0.0.256/8' }] }, 'Invalid IP address: 10.0.0.256'],
    ['consecutive wildcards', { f: [{ wildcard: 'a**b' }] }, 'Consecutive wildcard characters at pos 2'],
    ['an invalid wildcard escape', { f: [{ wildcard: 'a\\b' }] }, 'Invalid escape character at pos 1'],
    ['$or that is not an array', { $or: { a: ['x'] } }, 'It must be an Array followed with $or.'],
    [
      '$or with one branch',
      { $or: [{ a: ['x'] }] },
      'There must have at least 2 Objects in $or relationship.',
    ],
    [
      '$or with a non-object branch',
      { $or: [{ a: ['x'] }, 'b'] },
      'Only JSON object is allowed in array of $or',
    ],
    [
      'an operator name as a field inside $or',
      { $or: [{ prefix: ['x'] }, { a: ['y'] }] },
      'reserved fieldName',
    ],
  ])('%s', (_what, pattern, reason) => {
    // Act
    const message = reasonOf(pattern);

    // Assess
    expect(message).toContain('Event pattern is not valid. Reason: ');
    expect(message).toContain(reason);
  });

  it('names where in the pattern the problem is', () => {
    expect(reasonOf({ detail: { state: [] } })).toContain('(at detail.state)');
  });
});
