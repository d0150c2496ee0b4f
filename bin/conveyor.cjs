#!/usr/bin/env node
// The CLI is bundled by `npm run build` (run for you by `npm ci`).
try {
  require.resolve('../dist/conveyor.cjs');
} catch {
  process.stderr.write('conveyor: the CLI is not built yet; run `npm run build` in the Conveyor checkout.\n');
  process.exit(2);
}
require('../dist/conveyor.cjs');
