import { runMachine } from '../../helpers/engine';

const pass = (parameters: object) => ({
  StartAt: 'P',
  States: { P: { Type: 'Pass', Parameters: parameters, End: true } },
});

// Inputs and expected outputs from the developer guide's "Intrinsic functions" page.
describe('intrinsic functions', () => {
  it.each([
    ["States.Format('Hello, my name is {}.', $.name)", { name: 'Arnav' }, 'Hello, my name is Arnav.'],
    ['States.StringToJson($.someString)', { someString: '{"number": 20}' }, { number: 20 }],
    [
      'States.JsonToString($.someJson)',
      { someJson: { name: 'Foo', zipcode: '98101' } },
      '{"name":"Foo","zipcode":"98101"}',
    ],
    [
      "States.Array('Foo', 2020, $.someJson, null)",
      { someJson: { random: 'abcdefg' } },
      ['Foo', 2020, { random: 'abcdefg' }, null],
    ],
    [
      'States.ArrayPartition($.inputArray,4)',
      { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
      [[1, 2, 3, 4], [5, 6, 7, 8], [9]],
    ],
    [
      'States.ArrayContains($.inputArray, $.lookingFor)',
      { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9], lookingFor: 5 },
      true,
    ],
    ['States.ArrayRange(1, 9, 2)', {}, [1, 3, 5, 7, 9]],
    ['States.ArrayGetItem($.inputArray, $.index)', { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9], index: 5 }, 6],
    ['States.ArrayLength($.inputArray)', { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, 9],
    ['States.ArrayUnique($.inputArray)', { inputArray: [1, 2, 3, 3, 3, 3, 3, 3, 4] }, [1, 2, 3, 4]],
    ['States.Base64Encode($.input)', { input: 'Data to encode' }, 'RGF0YSB0byBlbmNvZGU='],
    ['States.Base64Decode($.base64)', { base64: 'RGF0YSB0byBlbmNvZGU=' }, 'Data to encode'],
    [
      'States.Hash($.Data, $.Algorithm)',
      { Data: 'input data', Algorithm: 'SHA-1' },
      'aaff4a450a104cd177d28d18d74485e8cae074b7',
    ],
    [
      'States.JsonMerge($.json1, $.json2, false)',
      { json1: { a: { a1: 1, a2: 2 }, b: 2 }, json2: { a: { a3: 1, a4: 2 }, c: 3 } },
      { a: { a3: 1, a4: 2 }, b: 2, c: 3 },
    ],
    ['States.MathAdd($.value1, $.step)', { value1: 111, step: -1 }, 110],
    [
      'States.StringSplit($.inputString, $.splitter)',
      { inputString: '1,2,3,4,5', splitter: ',' },
      ['1', '2', '3', '4', '5'],
    ],
    [
      'States.StringSplit($.inputString, $.splitter)',
      { inputString: 'This.is+a,test=string', splitter: '.+,=' },
      ['This', 'is', 'a', 'test', 'string'],
    ],
    [
      "States.Format('{} has {} items', $.name, States.ArrayLength($.items))",
      { name: 'cart', items: [1, 2] },
      'cart has 2 items',
    ],
    ["States.Format('literal \\{\\} and {}', $.x)", { x: 'y' }, 'literal {} and y'],
    ["States.Array('it\\'s', 'a\\{b')", {}, ["it's", 'a{b']],
  ])('%s', async (expression, input, expected) => {
    // Act
    const result = await runMachine(pass({ 'value.$': expression }), input);

    // Assess
    expect(result.output).toEqual({ value: expected });
  });

  it('States.MathRandom stays in [start, end) and States.UUID makes a v4 UUID', async () => {
    // Act
    const result = await runMachine(
      pass({ 'random.$': 'States.MathRandom($.start, $.end)', 'id.$': 'States.UUID()' }),
      { start: 1, end: 999 },
    );

    // Assess
    const output = result.output as { random: number; id: string };
    expect(output.random).toBeGreaterThanOrEqual(1);
    expect(output.random).toBeLessThan(999);
    expect(output.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('fails with States.IntrinsicFailure when an argument has the wrong type', async () => {
    // Act
    const result = await runMachine(pass({ 'value.$': 'States.ArrayLength($.notArray)' }), { notArray: 'x' });

    // Assess
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.IntrinsicFailure' });
  });
});
