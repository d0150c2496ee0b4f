// Per Lambda function: the size of its minified bundle, built as serverless.yml's esbuild settings
// build it, and its cold initialisation: a fresh Node process loading the bundle and answering a
// first call (dependencies and SDK clients built, the input refused before any network call).
// Bare Node and one AWS SDK client alone are the peers in the same run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { parse } from 'yaml';

const RUNS = 7;
const root = process.cwd();
const out = mkdtempSync(join(root, 'node_modules', '.cache', 'conveyor-functions-'));
const esbuildSettings = (
  parse(readFileSync(join(root, 'serverless.yml'), 'utf8').replace(/!(\w+)/g, '')) as {
    custom: { esbuild: { mainFields?: string[]; plugins?: string } };
  }
).custom.esbuild;
const plugins = esbuildSettings.plugins ? (require(join(root, esbuildSettings.plugins)) as Plugin[]) : [];

const env = {
  ...process.env,
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  CONVEYOR_TABLE_NAME: 'conveyor-bench-state',
  CONVEYOR_ENVIRONMENT: 'bench',
  CONVEYOR_STATE_MACHINE_ARN: 'arn:aws:states:eu-west-1:123456789012:stateMachine:bench',
  CONVEYOR_MONITORING_STATE_MACHINE_ARN:
    'arn:aws:states:eu-west-1:123456789012:stateMachine:bench-monitoring',
  CONVEYOR_SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/scheduler',
  CONVEYOR_SAGEMAKER_ROLE_ARN: 'arn:aws:iam::123456789012:role/sagemaker',
  CONVEYOR_ARTIFACT_BUCKET: 'bench-artifacts',
  CONVEYOR_CAPTURE_BUCKET: 'bench-capture',
  CONVEYOR_POLL_SECONDS: '60',
  CONVEYOR_GITHUB_SECRET_ID: 'bench/secret',
};

/** Milliseconds from the start of loading `bundle` to its first call's answer (median of RUNS). */
const coldInit = (bundle: string | undefined): number => {
  const probe = join(out, 'probe.cjs');
  writeFileSync(
    probe,
    `const t0 = process.hrtime.bigint();
const bundle = process.argv[2];
const done = () => process.stdout.write(String(Number(process.hrtime.bigint() - t0) / 1e6));
if (!bundle) done();
else if (bundle.endsWith('.sdk')) { const { DynamoDBClient } = require('@aws-sdk/client-dynamodb'); new DynamoDBClient({}); done(); }
else Promise.resolve(require(bundle).handler({ malformed: true }, { functionName: 'bench', awsRequestId: 'bench' })).then(done, done);`,
  );
  const times = Array.from({ length: RUNS }, () =>
    Number(
      execFileSync(process.execPath, [probe, ...(bundle ? [bundle] : [])], { env, cwd: root }).toString(),
    ),
  ).sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)] as number;
};

const main = async () => {
  const functions = readdirSync(join(root, 'functions')).filter((f) => f.endsWith('.ts'));
  const rows: string[] = [];
  for (const file of functions) {
    const outfile = join(out, file.replace(/\.ts$/, '.js'));
    await build({
      entryPoints: [join(root, 'functions', file)],
      outfile,
      bundle: true,
      minify: true,
      platform: 'node',
      target: 'node22',
      format: 'cjs',
      logLevel: 'error',
      ...(esbuildSettings.mainFields ? { mainFields: esbuildSettings.mainFields } : {}),
      plugins,
    });
    const kb = statSync(outfile).size / 1024;
    rows.push(`| ${file.replace(/\.ts$/, '')} | ${kb.toFixed(0)} KB | ${coldInit(outfile).toFixed(0)} ms |`);
  }
  console.log(`| function | minified bundle | cold init (load + first call), median of ${RUNS} |`);
  console.log('| --- | ---: | ---: |');
  for (const row of rows) console.log(row);
  console.log(`| peer: bare Node (an empty script) | | ${coldInit(undefined).toFixed(0)} ms |`);
  console.log(
    `| peer: @aws-sdk/client-dynamodb loaded, one client built | | ${coldInit('client.sdk').toFixed(0)} ms |`,
  );
};

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
