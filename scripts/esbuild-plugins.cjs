// esbuild plugins of the Lambda bundles (serverless.yml `custom.esbuild.plugins`, and the functions bench).
const { dirname, join } = require('node:path');

/**
 * zod's classic API re-exports every one of its 50 locales (about 200 KB minified) through
 * `z.locales`; Conveyor's messages are English, the default zod registers itself. The bundles get a
 * locales module with English only.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), '../locales/index.js'), namespace: 'zod-english-only' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(join(dirname(args.path), 'en.js'))};`,
      resolveDir: dirname(args.path),
    }));
  },
};

module.exports = [zodEnglishOnly];
