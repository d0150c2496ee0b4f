// Bundles the CLI into dist/conveyor.cjs (run by `npm ci` through the prepare script).
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['lib/cli/main.ts'],
  outfile: 'dist/conveyor.cjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  define: { CONVEYOR_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
});
