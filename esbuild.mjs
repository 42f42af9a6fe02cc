// Bundles the CLI (and, later, the language server and the VS Code client) into dist/.
// Run by `npm install` (prepare) so `npx clarify` works right after install, without tsc.
import * as esbuild from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  define: { CLARIFY_VERSION: JSON.stringify(pkg.version) },
};

/**
 * The English model of the ambiguity pass (wink-eng-lite-web-model, 3.9 MB of JavaScript, half of the CLI bundle) is a
 * bundle of its own, dist/english.js, which the other bundles require from beside them when a sentence first needs
 * tags (core/analysis/ambiguity/nlp.ts): a process that never tags never reads or compiles it (`clarify check` of a
 * folder with nothing to tag: 10 MB less resident, measured).
 */
const englishBeside = {
  name: 'english-beside',
  setup(build) {
    build.onResolve({ filter: /^wink-eng-lite-web-model$/ }, () => ({ path: './english.js', external: true }));
  },
};

/**
 * The bundles are written in ASCII: esbuild escapes strings and template literals (`charset: 'ascii'`) but leaves
 * comments and regular expression literals as they are, and one `—` in a 3.9 MB bundle made Node hold its source as a
 * two-byte string, 7.8 MB instead of 3.9 MB, for the life of every process and worker thread. Each non-ASCII code unit
 * becomes `\uXXXX`, which reads the same in a regular expression (an identity escape `\—` loses its backslash, so the
 * escape is not itself escaped) and changes nothing in a comment. Columns of those few lines shift in the source map.
 */
function asciiOnly(text) {
  return text.replace(/(\\*)([^\x00-\x7f])/g, (_, slashes, c) => {
    const hex = `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    // An odd run of backslashes escapes the character (`\—` in a regular expression): the escape replaces it.
    return slashes.length % 2 === 1 ? slashes.slice(1) + hex : slashes + hex;
  });
}

/**
 * The English model loads faster as JSON text than as JavaScript (thread CPU of a load ~280 -> ~230 ms;
 * docs/clarity.md, "The pass's cost"): esbuild turns each of the model's JSON files into an object literal, which V8
 * compiles as code, and the core model's reader then deep-copies that object through `JSON.parse(JSON.stringify(…))`
 * and decodes its base64 lexicon a character at a time. Here the core model stays its JSON text, parsed once per read (a fresh object each
 * time, as the copy was), the other model files are `JSON.parse` of their text, and base64 is decoded by Buffer
 * (the bundle runs in Node only). The reader's source is checked: a model package that changes it fails the build
 * instead of loading slowly or wrongly.
 */
const englishJson = {
  name: 'english-json',
  setup(build) {
    const models = /wink-eng-lite-web-model[\\/]dist[\\/]languages[\\/].*\.json$/;
    build.onLoad({ filter: models }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      JSON.parse(text); // fails the build on a file that is not JSON
      const core = /eng-core-web-model\.json$/.test(args.path);
      return { contents: `module.exports = ${core ? '' : 'JSON.parse('}${JSON.stringify(text)}${core ? '' : ')'};`, loader: 'js' };
    });
    build.onLoad({ filter: /wink-eng-lite-web-model[\\/]dist[\\/]read-core-model\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const copy = 'JSON.parse(JSON.stringify(originalModel))';
      const decode = /bufferFromBase64=function\(data\)\{.*?return bytes\.buffer\}/;
      if (!source.includes(copy) || !decode.test(source)) throw new Error(`${args.path}: not the reader esbuild.mjs patches (english-json)`);
      const contents = source
        .replace(copy, 'JSON.parse(originalModel)')
        .replace(decode, 'bufferFromBase64=function(data){return new Uint8Array(Buffer.from(data,"base64")).buffer}');
      return { contents, loader: 'js' };
    });
  },
};

const ascii = {
  name: 'ascii-only',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length) return;
      const file = build.initialOptions.outfile;
      const text = readFileSync(file, 'utf8');
      const out = asciiOnly(text);
      if (out !== text) writeFileSync(file, out);
    });
  },
};

/**
 * What only some commands of the CLI load is not in dist/cli.js [^big_documents]: Node holds a bundle's whole source for
 * the life of the process and V8 pre-parses all of it, so every `clarify check` paid for the language server, the MCP
 * SDK and the OpenAI client (1.7 MB of the 3.9 MB bundle; an empty folder's check peaked 4 MB lower without them,
 * measured). `clarify lsp` loads dist/server.js, the language server's own bundle (lsp/main.ts, the same entry the
 * extension runs); the OpenAI client and the MCP SDK are dist/vendor.js, one bundle (the SDK's dependencies once), each
 * package initialized on its first require. Both are read only by the commands that use them (dynamic imports).
 */
const VENDOR = ['openai', '@modelcontextprotocol/sdk/server/mcp.js', '@modelcontextprotocol/sdk/server/stdio.js'];
const vendorSource = `module.exports = {\n${VENDOR.map((name) => `  get ${JSON.stringify(name)}() { return require(${JSON.stringify(name)}); },\n`).join('')}};\n`;

const lazyBeside = {
  name: 'lazy-beside',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/lsp\/main\.js$/ }, () => ({ path: './server.js', external: true }));
    const vendor = new RegExp(`^(?:${VENDOR.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
    build.onResolve({ filter: vendor }, (args) => ({ path: args.path, namespace: 'vendor' }));
    build.onResolve({ filter: /^\.\/vendor\.js$/, namespace: 'vendor' }, () => ({ path: './vendor.js', external: true }));
    build.onLoad({ filter: /.*/, namespace: 'vendor' }, (args) => ({ contents: `module.exports = require('./vendor.js')[${JSON.stringify(args.path)}];\n`, loader: 'js' }));
  },
};

const entries = [
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', plugins: [englishBeside, lazyBeside] },
  { stdin: { contents: vendorSource, resolveDir: '.', sourcefile: 'vendor.js' }, outfile: 'dist/vendor.js' },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js', plugins: [englishBeside] },
  // Worker threads of the first scan of a big folder (loaded from beside the CLI and server bundles).
  { entryPoints: ['server/src/io/indexWorker.ts'], outfile: 'dist/indexWorker.js', plugins: [englishBeside] },
  { entryPoints: ['wink-eng-lite-web-model'], outfile: 'dist/english.js', plugins: [englishJson] },
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
];

// A production build (the .vsix) carries no stale source maps.
if (production) rmSync('dist', { recursive: true, force: true });

for (const entry of entries) {
  const options = { ...common, ...entry, plugins: [...(entry.plugins ?? []), ascii] };
  if (watch) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  } else {
    await esbuild.build(options);
  }
}
