// The state machine files against what they call: every task names a declared function, every
// custom error they match is one the code throws, and the local engine accepts them as AWS would.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseServerlessConfig } from '../../../lib/config/serverless-config';
import { validateDefinition } from '../../../lib/engine/validate-definition';
import { rulesFromConfig } from '../../../lib/events/bus/rules-from-config';

const root = join(__dirname, '../../..');
const machines = readdirSync(join(root, 'statemachines')).filter((f) => f.endsWith('.asl.json'));
const config = parseServerlessConfig(readFileSync(join(root, 'serverless.yml'), 'utf8'), 'serverless.yml');
const functions = config.functions as Record<string, { handler: string }>;

type State = {
  Type: string;
  Resource?: string;
  Arguments?: { FunctionName?: string };
  Retry?: { ErrorEquals: string[] }[];
  Catch?: { ErrorEquals: string[] }[];
  States?: Record<string, State>;
};
const tasks = (file: string): [string, State][] =>
  Object.entries(
    (JSON.parse(readFileSync(join(root, 'statemachines', file), 'utf8')) as { States: Record<string, State> })
      .States,
  ).filter(([, s]) => s.Type === 'Task');

const FUNCTION_ARN =
  /^arn:#\{AWS::Partition\}:lambda:#\{AWS::Region\}:#\{AWS::AccountId\}:function:#\{AWS::StackName\}-([A-Za-z]+)$/;

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
const code = sourceFiles(join(root, 'lib'))
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');

describe.each(machines)('statemachines/%s', (file) => {
  it('is a definition the engine runs as written', () => {
    const text = readFileSync(join(root, 'statemachines', file), 'utf8');
    expect(validateDefinition(JSON.parse(text))).toEqual([]);
  });

  it('calls only functions serverless.yml declares, each bundled from a file in functions/', () => {
    for (const [name, state] of tasks(file)) {
      if (state.Resource?.startsWith('arn:aws:states:::events:')) continue;
      const arn = state.Resource?.startsWith('arn:aws:states:::lambda:invoke')
        ? state.Arguments?.FunctionName
        : state.Resource;
      const match = FUNCTION_ARN.exec(arn ?? '');
      expect({ state: name, arn, declared: Boolean(match && functions[match[1] as string]) }).toEqual({
        state: name,
        arn,
        declared: true,
      });
      const handler = functions[(match as RegExpExecArray)[1] as string]?.handler as string;
      expect(readdirSync(join(root, 'functions'))).toContain(
        `${handler.split('/')[1]?.replace(/\.handler$/, '')}.ts`,
      );
    }
  });

  it('matches only errors AWS defines or that the code throws by name', () => {
    for (const [, state] of tasks(file)) {
      for (const rule of [...(state.Retry ?? []), ...(state.Catch ?? [])]) {
        for (const name of rule.ErrorEquals) {
          if (/^(States|Lambda)\./.test(name)) continue;
          expect({ name, declared: code.includes(`name = '${name}' as const`) }).toEqual({
            name,
            declared: true,
          });
          expect({ name, thrown: code.includes(`new ${name}(`) }).toEqual({ name, thrown: true });
        }
      }
    }
  });
});

describe('serverless.yml rules', () => {
  it('compile with the matcher, each targeting a declared function', () => {
    const rules = rulesFromConfig(config);

    expect(rules.length).toBeGreaterThanOrEqual(4);
    for (const rule of rules) expect(Object.keys(functions)).toContain(rule.target);
  });
});
