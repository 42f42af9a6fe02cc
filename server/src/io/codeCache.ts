import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { isMainThread, Worker, workerData } from 'node:worker_threads';

/**
 * V8 code caches of the CLI's bundles (dist/codeCache.js; docs/performance.md, "Code caches"). Every `clarify` process
 * compiles dist/cli.js (2.4 MB) and each index worker dist/indexWorker.js (2 MB) before it does anything: ~100 and
 * ~75 ms of CPU a thread. `npm run build` writes, beside each bundle, the code V8 made of it
 * (`<bundle>.<variant>.v8cache`), from which a process then compiles it in a fraction of that.
 *
 * A cache is only an optimisation, trusted for nothing: it is used only when its header names the Node version of the
 * process, the SHA-256 of the bundle's bytes and that of the cached data (V8 runs damaged data), and V8 then checks its
 * own version, its flags and the source's length and rejects it on any difference (the bundle is then compiled as
 * without a cache). Caches are written at build time only, into dist/, never at run time.
 */

/** V8's flags of a batch run from its start (bin/clarify.js), and those cli/main.ts adds before the index workers start. */
export const LAUNCH_FLAGS: readonly string[] = ['--semi-space-growth-factor=1'];
export const BATCH_FLAGS: readonly string[] = ['--heap-growing-percent=25', '--semi-space-growth-factor=1', '--interrupt-budget=540672'];

/** How a bundle is loaded: which bundle, and V8's flags when it is compiled (V8 rejects a cache made under other flags). */
export const VARIANTS = {
  /** The CLI in a batch run (`check`, `report`): bin/clarify.js sets LAUNCH_FLAGS before it loads the bundle. */
  batch: { bundle: 'cli.js', flags: LAUNCH_FLAGS, worker: false },
  /** The CLI's other commands (`context`, `impact`, `mcp`, …): V8's default flags. */
  plain: { bundle: 'cli.js', flags: [] as readonly string[], worker: false },
  /**
   * A batch run's index workers: cli/main.ts sets BATCH_FLAGS before it starts them. Made in a worker thread: a cache
   * made on the main thread under `--semi-space-growth-factor=1` was rejected in every worker (measured; without that
   * flag it was not), as if a new isolate's setup changed the flag V8 hashes.
   */
  worker: { bundle: 'indexWorker.js', flags: [...LAUNCH_FLAGS, ...BATCH_FLAGS], worker: true },
} as const;
export type Variant = keyof typeof VARIANTS;

/** A cache larger than this is not read (they are about 1 MB). */
const MAX_CACHE_BYTES = 32 * 1024 * 1024;
const MAGIC = 'clarify-v8cache/1';

/** The cache file of a bundle loaded as `variant`. */
export function cacheFile(file: string, variant: Variant): string {
  return `${file}.${variant}.v8cache`;
}

const sha256 = (bytes: Buffer): string => crypto.createHash('sha256').update(bytes).digest('hex');

/** A cache file's first line: what it was made of and by, and the SHA-256 of the code V8 made (V8 does not check it). */
function header(bundle: Buffer, data: Buffer): string {
  return `${MAGIC} ${process.version} ${sha256(bundle)} ${sha256(data)}\n`;
}

/**
 * The cached data for `bundle` in `cache`, if that file is there (a regular file) and was made of these bytes by this
 * Node, and its data is what was written (V8 checks its version, its flags and the source's length, not the data's
 * integrity: a damaged cache would be run).
 */
function readCache(cache: string, bundle: Buffer): Buffer | undefined {
  let file: Buffer;
  try {
    const stat = fs.lstatSync(cache);
    if (!stat.isFile() || stat.size > MAX_CACHE_BYTES) return undefined;
    file = fs.readFileSync(cache);
  } catch {
    return undefined;
  }
  const end = file.indexOf(10);
  if (end < 0) return undefined;
  const data = file.subarray(end + 1);
  return file.toString('latin1', 0, end + 1) === header(bundle, data) ? data : undefined;
}

/** Whether the last bundle this thread loaded was compiled from its cache (V8 accepted it). */
export let lastCacheUsed = false;

/**
 * Loads a CommonJS bundle as `require(file)` would, compiled from its cache for `variant` when there is a valid one.
 * Returns the bundle's exports, and the compiled script (to make a cache of). The bundle must not run `import()`: a
 * script compiled by `vm` can only with an experimental flag (`clarify lsp`, which imports dist/server.js, is loaded by
 * `require`: bin/clarify.js).
 */
export function loadBundle(file: string, variant: Variant): { exports: unknown; script: vm.Script } {
  const bytes = fs.readFileSync(file);
  const cachedData = readCache(cacheFile(file, variant), bytes);
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${bytes.toString('utf8')}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  lastCacheUsed = cachedData !== undefined && !script.cachedDataRejected;
  const module = { exports: {} as unknown, filename: file, id: file, loaded: false };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  return { exports: module.exports, script };
}

/** Sets V8's flags (each `--name=value`). */
export function setFlags(flags: readonly string[]): void {
  for (const flag of flags) v8.setFlagsFromString(flag);
}

/** Writes the cache of the bundle `file` for `variant`: the header, then the code V8 has for `script` now. */
export function writeCache(file: string, variant: Variant, script: vm.Script): void {
  const data = script.createCachedData();
  const target = cacheFile(file, variant);
  // A new file of a random name (created exclusively: never through a link), then renamed over the old cache.
  const temp = `${target}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  fs.writeFileSync(temp, Buffer.concat([Buffer.from(header(fs.readFileSync(file), data), 'latin1'), data]), { flag: 'wx' });
  fs.renameSync(temp, target);
}

/**
 * Makes the cache of a variant's bundle of this folder (build time, in a fresh process: V8's flags are the process's),
 * with the bundle's top level run as on a load: under the variant's flags, on this thread or in a worker thread. The
 * batch variant's bundle then runs the ambiguity pass over the `rehearsal` files (`rehearsePass`), so its cache holds
 * the pass's code as well.
 */
export function makeCache(variant: Variant, rehearsal: readonly string[] = []): void {
  const { bundle, flags, worker } = VARIANTS[variant];
  setFlags(flags);
  if (!worker) {
    const file = path.join(__dirname, bundle);
    const loaded = loadBundle(file, variant);
    // V8 caches the code of every function the script has run: the pass's (and wink-nlp's), lazily compiled on a
    // check's main thread, are compiled from the cache too once it has run here (docs/performance.md, issue 13).
    const rehearse = (loaded.exports as { rehearsePass?: (text: string) => number }).rehearsePass;
    if (rehearse) for (const f of rehearsal) rehearse(fs.readFileSync(f, 'utf8'));
    writeCache(file, variant, loaded.script);
    return;
  }
  new Worker(__filename, { workerData: { clarifierMakeCache: variant } }).on('error', (err) => {
    throw err;
  });
}

// A worker started on this file: an index worker loads the bundle it names (beside this file) through its cache; at
// build time, one makes that cache (makeCache).
const job = !isMainThread ? (workerData as { clarifierBundle?: unknown; clarifierMakeCache?: unknown } | undefined) : undefined;
if (job?.clarifierBundle === VARIANTS.worker.bundle) loadBundle(path.join(__dirname, VARIANTS.worker.bundle), 'worker');
else if (job?.clarifierMakeCache === 'worker') {
  const file = path.join(__dirname, VARIANTS.worker.bundle);
  writeCache(file, 'worker', loadBundle(file, 'worker').script);
}
