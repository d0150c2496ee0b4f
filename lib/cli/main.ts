// Entry point of the `conveyor` binary (bundled to dist/conveyor.cjs by scripts/build-cli.mjs).
import { processIo } from './io';
import { runCli } from './program';

runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
