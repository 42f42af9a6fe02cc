import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ZodType } from 'zod';
import { readTextFile } from './walk';

/**
 * The two file operations of the caches (the on-disk index cache, the LLM answer cache), shared so that both are as
 * safe as the workspace reader [^ca7s]:
 *
 * - `readCacheFile` reads an entry with the workspace reader (`readTextFile`): opened non-blocking and never through a
 *   symbolic link, re-checked to be a regular file, size-capped. A FIFO, a device, a link (to `/dev/zero`, to a file
 *   elsewhere), an oversized or binary entry is a miss, never a hang.
 * - `writeFileAtomic` writes a whole file or nothing, and never through a link: the data goes to a temporary file with a
 *   random name in the same folder, created exclusively (`O_CREAT|O_EXCL|O_NOFOLLOW`: whatever was planted under that
 *   name, file or link, makes the write fail instead of being written through), then renamed over the target (a rename
 *   replaces a link at the target, never the file it points to). A failed write removes its temporary file.
 */

/** Cache entries larger than this are a miss (an index cache of a very big repository stays well below). */
export const MAX_CACHE_BYTES = 256 * 1024 * 1024;

/** The text of a cache entry, or undefined when it is absent, not a regular file, a link, too large or unreadable. */
export async function readCacheFile(file: string, maxBytes = MAX_CACHE_BYTES): Promise<string | undefined> {
  const result = await readTextFile(file, maxBytes);
  return 'text' in result ? result.text : undefined;
}

/** Exclusive creation, never through a link: a planted file or link under the temporary name fails the write. */
const CREATE_FLAGS = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0);

/**
 * Writes `data` to `file` atomically (temporary file + rename), creating the folder when needed. Throws on failure.
 * `data` may come in pieces (written in order, in writes of about a megabyte): the whole text is never one string.
 */
export async function writeFileAtomic(file: string, data: string | Iterable<string>, mode = 0o644): Promise<void> {
  const dir = path.dirname(file);
  await fs.promises.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(12).toString('hex')}.tmp`);
  const handle = await fs.promises.open(tmp, CREATE_FLAGS, mode);
  try {
    try {
      if (typeof data === 'string') await handle.writeFile(data, 'utf8');
      else {
        const write = async (text: string): Promise<void> => {
          const bytes = Buffer.from(text, 'utf8');
          for (let at = 0; at < bytes.length; ) at += (await handle.write(bytes, at, bytes.length - at)).bytesWritten;
        };
        let chunk = '';
        for (const piece of data) {
          chunk += piece;
          if (chunk.length >= 1 << 20) {
            await write(chunk);
            chunk = '';
          }
        }
        if (chunk) await write(chunk);
      }
    } finally {
      await handle.close();
    }
    await fs.promises.rename(tmp, file);
  } catch (err) {
    // Only a file this call created is removed.
    await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}

const CACHE_KEY_RE = /^[a-f0-9]{64}$/;

/**
 * One JSON file per key (`<prefix>-<sha256>.json`) in `dir`, for the LLM answer caches (audit, conflict judge): read
 * with the safe cache reader (never a FIFO, a link or an oversized file), written atomically through an exclusive
 * temporary file; an entry of the wrong shape is a miss [^ca7s].
 */
export function createRecordCache<R>(dir: string, prefix: string, schema: ZodType<R>): { get(key: string): Promise<R | undefined>; set(key: string, value: R): Promise<void> } {
  const fileOf = (key: string): string => path.join(dir, `${prefix}-${key}.json`);
  return {
    async get(key: string): Promise<R | undefined> {
      if (!CACHE_KEY_RE.test(key)) return undefined;
      const text = await readCacheFile(fileOf(key), 256 * 1024);
      if (text === undefined) return undefined;
      try {
        const parsed = schema.safeParse((JSON.parse(text) as { record?: unknown })?.record);
        return parsed.success ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    },
    async set(key: string, value: R): Promise<void> {
      if (!CACHE_KEY_RE.test(key)) throw new Error('invalid cache key');
      await writeFileAtomic(fileOf(key), `${JSON.stringify({ version: 1, record: schema.parse(value) }, null, 2)}\n`);
    },
  };
}
