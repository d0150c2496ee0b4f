import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runConveyor } from '../../helpers/cli';
import { folderWith } from '../../helpers/datasets';

const fixtures = join(__dirname, '../../fixtures/data');
const spec = join(fixtures, 'customers.conveyor.yml');

describe('conveyor validate', () => {
  it('exits 0 for clean data and prints one line per check', async () => {
    const result = await runConveyor(['validate', 'clean.csv', '--spec', spec], { cwd: fixtures });

    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('clean.csv: 3 rows, verdict PASS');
    expect(result.stdout).toContain('  ok    columns.age.min: ok\n');
  });

  it('exits 1 when an error rule fails, showing offending lines', async () => {
    const result = await runConveyor(['validate', 'customers.csv', '--spec', spec], { cwd: fixtures });

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '  FAIL  columns.age.min: 1 values below the minimum 18 (line 3: "17")\n',
    );
    expect(result.stdout).toContain('  WARN  columns.email.pattern');
  });

  it('prints JSON with --json and writes one JUnit test case per rule with --junit', async () => {
    const out = folderWith({});
    const junit = join(out, 'validate.xml');

    const result = await runConveyor(
      ['validate', 'customers.csv', '--spec', spec, '--json', '--junit', junit],
      {
        cwd: fixtures,
      },
    );

    const report = JSON.parse(result.stdout);
    expect(report.verdict).toBe('fail');
    const xml = readFileSync(junit, 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(report.checks.length);
    expect(xml).toContain('<testcase classname="conveyor.validate" name="columns.age.min">');
    expect(xml).toContain('<failure message="1 values below the minimum 18">');
  });

  it.each([
    [
      'a row with the wrong field count',
      'id,age\n1,2,3\n',
      'bad.csv:2: expected 2 fields as in the header, found 3',
    ],
    ['an unclosed quote', 'id,age\n1,"2\n', 'bad.csv:2: unclosed quote: the quoted field never ends'],
  ])('exits 2 without a stack trace on %s', async (_, content, message) => {
    const dir = folderWith({ 'bad.csv': content });

    const result = await runConveyor(['validate', 'bad.csv', '--spec', spec], { cwd: dir });

    expect(result).toMatchObject({ code: 2, stdout: '', stderr: `conveyor: ${message}\n` });
  });

  it('exits 2 when a rule does not fit its column type', async () => {
    const dir = folderWith({ 'data.csv': 'plan\nfree\n' });
    writeFileSync(
      join(dir, 'conveyor.yml'),
      readFileSync(spec, 'utf8').replace(
        'plan: { type: string, allowed',
        'plan: { type: string, min: 1, allowed',
      ),
    );

    const result = await runConveyor(['validate', 'data.csv', '--spec', 'conveyor.yml'], { cwd: dir });

    expect(result).toMatchObject({
      code: 2,
      stderr:
        'conveyor: conveyor.yml: data.columns.plan.min: a range applies to integer or number columns, not string\n',
    });
  });

  it('exits 2 when the data file does not exist', async () => {
    const result = await runConveyor(['validate', 'nope.csv', '--spec', spec], { cwd: fixtures });

    expect(result).toMatchObject({ code: 2, stderr: 'conveyor: nope.csv: no such file\n' });
  });
});

describe('conveyor validate on unreadable input', () => {
  it('exits 2 when the data path is a folder', async () => {
    const dir = folderWith({});
    mkdirSync(join(dir, 'folder.csv'));

    const result = await runConveyor(['validate', 'folder.csv', '--spec', spec], { cwd: dir });

    expect(result).toMatchObject({ code: 2, stderr: 'conveyor: folder.csv: cannot read (EISDIR)\n' });
  });
});
