import { compilePattern } from '../../../../lib/events/pattern/compile-pattern';
import { DOCUMENTED_EXAMPLES } from '../../../fixtures/events/documented-pattern-examples';

describe('the pattern matcher gives the documented outcome of every EventBridge example', () => {
  it.each(DOCUMENTED_EXAMPLES.map((example) => [example.page, example.name, example] as const))(
    '%s: %s',
    (_page, _name, example) => {
      // Prepare
      const pattern = compilePattern(example.pattern);

      // Act
      const matched = pattern.matches(example.event);

      // Assess
      expect(matched).toBe(example.matches);
    },
  );

  it('compiles a pattern given as JSON text the same as the parsed value', () => {
    const [example] = DOCUMENTED_EXAMPLES;
    if (!example) throw new Error('no examples');

    const fromText = compilePattern(JSON.stringify(example.pattern));

    expect(fromText.matches(example.event)).toBe(example.matches);
  });
});
