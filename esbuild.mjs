// Bundles the CLI (and, later, the language server and the VS Code client) into dist/.
// Run by `npm install` (prepare) so `npx clarify` works right after install, without tsc.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const { readFileSync, rmSync, writeFileSync } = fs;

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
 * The English model loads faster as JSON data than as JavaScript: esbuild turns each of the model's JSON files
 * into an object literal, which V8 compiles as code, and the core model's reader then deep-copies that object through
 * `JSON.parse(JSON.stringify(…))` and decodes its base64 lexicon a character at a time (thread CPU of a load ~280 ->
 * ~230 ms; docs/clarity.md, "The pass's cost"). Here the model's data is not in dist/english.js at all but in
 * dist/english-data.json beside it, read once per thread (one `readFileSync`, as Latin-1: the file is written in
 * ASCII, its non-ASCII characters as JSON escapes, so Node makes a one-byte string without decoding UTF-8): kept in
 * the bundle, even a string literal is scanned by V8 when the bundle is compiled and again when its module function
 * first runs (lazy compilation), 3.6 MB twice per thread (thread CPU of a load ~270 -> ~200 ms; "The pass's cost").
 * The data file is one JSON array of the model's JSON files and WordNet's exception lists; each module of the bundle
 * reads its own element, a slice of the file's text at offsets fixed here: the core model stays its JSON text,
 * parsed once per read (a fresh object each time, as the copy was), the other model files are `JSON.parse` of their
 * text, the exception lists (esbuild wrote them as 5,644 assignments) an object without a prototype, as the package
 * builds them. Base64 is decoded by Buffer (the bundle runs in Node only). The reader's source is checked: a model
 * package that changes it fails the build instead of loading slowly or wrongly.
 *
 * The lexeme hash (each of the model's 87,593 words to its index, which the reader built as an object of 87,593 keys on
 * every load: ~45 ms of a ~110 ms load per thread) is a `Proxy` that answers the same (`english-lexeme-hash`): a word
 * is found by binary search in the lexemes sorted here (their order, a base64 `Uint32Array` in the data file), then
 * remembered; the words wink adds (those not in the model) are kept in a `Map`. wink only reads and writes the hash by
 * key (`hash[word]`), which is all the proxy answers quickly; it lists its keys too (`Object.keys`), slowly.
 */
/** The key of the lexemes' order among the data file's parts (not a file). */
const LEXEME_ORDER = path.resolve('<lexeme-order>');

/**
 * The lexeme hash of one read of the core model (see above): `list` is that read's lexeme list, which wink appends the
 * words it adds to. Read a key: a word added (set) before, or one found before, or found now by binary search in the
 * model's lexemes (`order`, decoded once per thread). The object answers as the reader's `Object.create(null)` hash does
 * for every key: get, set, `in`, and its own keys and descriptors (the model's words, then those added).
 */
const lexemeHashSource = (orderStart, orderEnd) => `
let order;
module.exports = (list) => {
  order ??= new Uint32Array(new Uint8Array(Buffer.from(require('english-data')(${orderStart}, ${orderEnd}), 'base64')).buffer);
  const n = order.length;
  if (list.length !== n) throw new Error('english-lexeme-hash: the lexeme list is not the one sorted at build time');
  const words = list.slice(0, n);
  const find = (key) => {
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = order[mid];
      const word = words[k];
      if (word < key) lo = mid + 1;
      else if (word > key) hi = mid - 1;
      else return k;
    }
    return undefined;
  };
  const found = new Map();
  const added = new Map();
  const at = (key) => {
    let k = added.get(key);
    if (k !== undefined || added.has(key) || typeof key !== 'string') return k;
    k = found.get(key);
    if (k === undefined && (k = find(key)) !== undefined) found.set(key, k);
    return k;
  };
  const has = (key) => added.has(key) || at(key) !== undefined;
  return new Proxy(Object.create(null), {
    get: (_, key) => at(key),
    set: (_, key, value) => {
      added.set(key, value);
      return true;
    },
    has: (_, key) => has(key),
    deleteProperty: () => false,
    defineProperty: () => false,
    // Strings first, in the order they came (the model's words, then those added), then symbols, as an object lists them.
    ownKeys: () => {
      const keys = [...added.keys()];
      return [...words.filter((w) => !added.has(w)), ...keys.filter((k) => typeof k === 'string'), ...keys.filter((k) => typeof k === 'symbol')];
    },
    getOwnPropertyDescriptor: (_, key) => (has(key) ? { value: at(key), writable: true, enumerable: true, configurable: true } : undefined),
  });
};
`;

const englishData = (() => {
  const dir = path.dirname(require.resolve('wink-eng-lite-web-model/package.json'));
  const models = path.join(dir, 'dist', 'languages', 'cur', 'models');
  /** Each part: the file it replaces and its JSON text. */
  const parts = [];
  for (const name of fs.readdirSync(models).filter((n) => n.endsWith('.json')).sort()) {
    const text = fs.readFileSync(path.join(models, name), 'utf8');
    JSON.parse(text); // fails the build on a file that is not JSON
    parts.push({ file: path.join(models, name), text: text.trim() });
  }
  for (const pos of ['adjective', 'noun', 'verb']) {
    const file = path.join(dir, 'dist', `wn-${pos}-exceptions.js`);
    const list = require(file);
    if (Object.getPrototypeOf(list) !== null || Object.values(list).some((v) => typeof v !== 'string') || Object.hasOwn(list, '__proto__')) {
      throw new Error(`${file}: not the word list esbuild.mjs reads (english-data)`);
    }
    parts.push({ file, text: JSON.stringify(list), exceptions: true });
  }
  // The lexemes' order (see above): their indices sorted by the lexeme, as JavaScript compares strings. A word twice in
  // the list would be found at either index (the reader's hash keeps the last): the build fails instead.
  const core = parts.find((p) => /eng-core-web-model\.json$/.test(p.file));
  const lexemes = JSON.parse(core.text).features.lexeme.list;
  if (new Set(lexemes).size !== lexemes.length) throw new Error(`${core.file}: a lexeme is listed twice (english-lexeme-hash)`);
  const order = Uint32Array.from(lexemes.keys()).sort((a, b) => (lexemes[a] < lexemes[b] ? -1 : lexemes[a] > lexemes[b] ? 1 : 0));
  parts.push({ file: LEXEME_ORDER, text: JSON.stringify(Buffer.from(order.buffer).toString('base64')) });
  // One JSON array; each element's offsets in it. Only ASCII: a character outside it is written as a JSON escape.
  let text = '[';
  const at = new Map();
  for (const part of parts) {
    const escaped = part.text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    if (text.length > 1) text += ',\n';
    at.set(path.resolve(part.file), { start: text.length, end: text.length + escaped.length, exceptions: part.exceptions === true });
    text += escaped;
  }
  text += ']\n';
  JSON.parse(text);
  return { text, at };
})();

const englishJson = {
  name: 'english-data',
  setup(build) {
    build.onStart(() => {
      fs.mkdirSync(path.dirname(build.initialOptions.outfile), { recursive: true });
      fs.writeFileSync(path.join(path.dirname(build.initialOptions.outfile), 'english-data.json'), englishData.text);
    });
    // The file's text, read on first use (the bundle is required by a thread's first sentence to tag).
    build.onResolve({ filter: /^english-data$/ }, () => ({ path: 'english-data', namespace: 'english-data' }));
    build.onResolve({ filter: /^english-lexeme-hash$/ }, () => ({ path: 'english-lexeme-hash', namespace: 'english-data' }));
    build.onLoad({ filter: /^english-lexeme-hash$/, namespace: 'english-data' }, () => {
      const part = englishData.at.get(LEXEME_ORDER);
      // The part is a JSON string of base64 (no escapes): its characters inside the quotes.
      return { contents: lexemeHashSource(part.start + 1, part.end - 1), loader: 'js' };
    });
    build.onLoad({ filter: /^english-data$/, namespace: 'english-data' }, () => ({
      contents: [
        "const fs = require('node:fs');",
        "const path = require('node:path');",
        'let text;',
        "module.exports = (start, end) => (text ??= fs.readFileSync(path.join(__dirname, 'english-data.json'), 'latin1')).slice(start, end);",
      ].join('\n'),
      loader: 'js',
    }));
    build.onLoad({ filter: /wink-eng-lite-web-model[\\/]dist[\\/](?:languages[\\/].*\.json|wn-\w+-exceptions\.js)$/ }, (args) => {
      const part = englishData.at.get(path.resolve(args.path));
      if (!part) throw new Error(`${args.path}: not in dist/english-data.json (english-data)`);
      const read = `require('english-data')(${part.start}, ${part.end})`;
      const core = /eng-core-web-model\.json$/.test(args.path);
      const contents = core
        ? `module.exports = ${read};`
        : part.exceptions
          ? `module.exports = Object.assign(Object.create(null), JSON.parse(${read}));`
          : `module.exports = JSON.parse(${read});`;
      return { contents, loader: 'js' };
    });
    build.onLoad({ filter: /wink-eng-lite-web-model[\\/]dist[\\/]read-core-model\.js$/ }, (args) => {
      const source = fs.readFileSync(args.path, 'utf8');
      const copy = 'JSON.parse(JSON.stringify(originalModel))';
      const hash = 'featuresData.lexeme.hash=Object.create(null);for(let k=0;k<featuresData.lexeme.list.length;k+=1)featuresData.lexeme.hash[featuresData.lexeme.list[k]]=k;';
      const decode = /bufferFromBase64=function\(data\)\{.*?return bytes\.buffer\}/;
      if (!source.includes(copy) || !decode.test(source) || !source.includes(hash)) throw new Error(`${args.path}: not the reader esbuild.mjs patches (english-data)`);
      const contents = source
        .replace(copy, 'JSON.parse(originalModel)')
        .replace(hash, 'featuresData.lexeme.hash=require("english-lexeme-hash")(featuresData.lexeme.list);')
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
  // The loader of the CLI's bundles through their V8 code caches (made below).
  { entryPoints: ['server/src/io/codeCache.ts'], outfile: 'dist/codeCache.js' },
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

// V8 code caches of the CLI's bundle and of the index worker's, for the Node that builds (io/codeCache.ts): each made in
// a fresh process under the flags of the thread that reads it. Not in a production build (the editor's Node is another
// V8, which would reject them) nor in watch mode; a cache that cannot be made is left out (the bundle compiles as before).
// The batch cache is made after the ambiguity pass has run over the labeled sets' development specs (REHEARSAL): V8
// then caches the pass's and wink-nlp's compiled code too, which a check's main thread otherwise compiles lazily (issue
// 13: ~25-40 ms less CPU per check with the pass on, measured; nothing when the folder is absent).
const REHEARSAL = 'test/fixtures/clarity/dev';
if (!production && !watch) {
  for (const old of fs.readdirSync('dist').filter((name) => name.endsWith('.v8cache'))) rmSync(`dist/${old}`, { force: true });
  const rehearsal = fs.existsSync(REHEARSAL) ? fs.readdirSync(REHEARSAL).filter((name) => name.endsWith('.md')).sort().map((name) => path.resolve(REHEARSAL, name)) : [];
  for (const variant of ['batch', 'plain', 'worker']) {
    try {
      const files = variant === 'batch' ? rehearsal : [];
      execFileSync(process.execPath, ['-e', `require('./dist/codeCache.js').makeCache(${JSON.stringify(variant)}, ${JSON.stringify(files)})`], { stdio: 'inherit' });
    } catch (err) {
      console.warn(`esbuild.mjs: no ${variant} code cache (${err.message})`);
    }
  }
}
