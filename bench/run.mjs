// `npm run bench [name...]`: bundles each bench/*.bench.ts with esbuild and runs it in its own Node
// process (so peak memory is per workload). Each bench prints its own table.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const only = process.argv.slice(2);
const benches = readdirSync(new URL('.', import.meta.url))
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.startsWith(name)));
// Inside the repository, so the bundles resolve the external packages from node_modules.
const cache = join('node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const outdir = mkdtempSync(join(cache, 'conveyor-bench-build-'));

let failed = 0;
for (const file of benches) {
  const outfile = join(outdir, file.replace(/\.ts$/, '.cjs'));
  await build({
    entryPoints: [join('bench', file)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  });
  process.stdout.write(`\n## ${file}\n`);
  // The bundle lives in a temp dir; NODE_PATH lets its external packages resolve from this project.
  const result = spawnSync(process.execPath, ['--expose-gc', outfile], {
    stdio: 'inherit',
    cwd: process.cwd(),
    env: {
      ...process.env,
      NODE_PATH: join(process.cwd(), 'node_modules'),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });
  if (result.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
