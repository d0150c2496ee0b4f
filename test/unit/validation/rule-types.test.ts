import { checkRuleTypes } from '../../../lib/validation/rule-types';

describe('rule type checks', () => {
  it('rejects a range on a string, a pattern on a number and allowed values of the wrong type', () => {
    const act = () =>
      checkRuleTypes(
        {
          plan: { type: 'string', nullable: true, min: 1, severity: 'error' },
          age: { type: 'integer', nullable: true, pattern: '^\\d+$', allowed: [1, 'two'], severity: 'error' },
        },
        'conveyor.yml',
      );

    expect(act).toThrow(
      [
        'conveyor.yml: data.columns.plan.min: a range applies to integer or number columns, not string',
        'conveyor.yml: data.columns.age.pattern: a pattern applies to string columns, not integer',
        'conveyor.yml: data.columns.age.allowed: "two" is not a number, but the column\'s type is integer',
      ].join('\n'),
    );
  });

  it('accepts rules that fit their column types', () => {
    expect(() =>
      checkRuleTypes(
        { age: { type: 'number', nullable: true, min: 0, allowed: [1, 2], severity: 'warn' } },
        'c.yml',
      ),
    ).not.toThrow();
  });
});
