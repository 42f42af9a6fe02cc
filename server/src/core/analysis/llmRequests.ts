import type { ZodType } from 'zod';
import { describeLlmError, LlmError, llmErrorMessage, redactSecrets, type LlmClient, type LlmErrorKind, type LlmMessage } from './ambiguity/llm';

/**
 * One request per key to the configured model, with a cache in front: the loop the compliance audit and the conflict
 * judge share. A cached answer is used only when it has the answer's shape (the cache is untrusted); requests run a few
 * at a time; an answer that does not parse counts as dropped and the rest go on; any other failure (no key, 401, 429,
 * timeout, a body too large, cancellation) stops sending and ends in one message, with what was answered kept. Never
 * throws.
 */

export interface CachedRequestsDeps<R> {
  client: LlmClient;
  model: string;
  cache?: { get(key: string): Promise<unknown>; set(key: string, value: R): Promise<void> };
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
}

export interface CachedRequests<R> {
  /** Who is asking, for the one failure message: `Audit`, `Conflict judge`. */
  label: string;
  /** Distinct keys, in order. */
  keys: readonly string[];
  /** The shape of a valid answer (checked on cache hits). */
  schema: ZodType<R>;
  /** What to send for a key. */
  request(key: string): { messages: LlmMessage[]; responseFormat: object };
  /** The answer's content as a record, or undefined when it is not one. */
  parse(content: string): R | undefined;
  /** A record for a key, from the cache or the endpoint. */
  apply(key: string, record: R, cached: boolean): void;
  /** An answer that did not parse. */
  invalid(key: string): void;
  /** Whether anything was answered (the message says "incomplete" rather than "skipped"). */
  answered(): boolean;
}

export interface CachedRequestsOutcome {
  requests: number;
  usage: { promptTokens: number; completionTokens: number };
  error?: string;
}

export async function runCachedRequests<R>(spec: CachedRequests<R>, deps: CachedRequestsDeps<R>): Promise<CachedRequestsOutcome> {
  const outcome: CachedRequestsOutcome = { requests: 0, usage: { promptTokens: 0, completionTokens: 0 } };
  const toSend: string[] = [];
  for (const key of spec.keys) {
    let hit: R | undefined;
    if (deps.cache) {
      try {
        const value = await deps.cache.get(key);
        const valid = spec.schema.safeParse(value);
        if (value !== undefined && valid.success) hit = valid.data;
      } catch {
        hit = undefined;
      }
    }
    if (hit !== undefined) spec.apply(key, hit, true);
    else toSend.push(key);
  }
  let done = 0;
  let next = 0;
  let stop = false;
  const failures: { kind: LlmErrorKind | undefined; message: string }[] = [];
  const progress = (): void => {
    try {
      deps.onProgress?.(done, toSend.length);
    } catch {
      // ignored
    }
  };
  progress();
  const worker = async (): Promise<void> => {
    while (!stop && next < toSend.length) {
      if (deps.signal?.aborted) {
        failures.push({ kind: 'cancelled', message: llmErrorMessage({ kind: 'cancelled' }) });
        stop = true;
        break;
      }
      const key = toSend[next++]!;
      let counted = false;
      try {
        const response = await deps.client.complete({ model: deps.model, ...spec.request(key), ...(deps.signal ? { signal: deps.signal } : {}) });
        outcome.requests++;
        counted = true;
        outcome.usage.promptTokens += Math.max(0, Number(response.usage?.prompt_tokens) || 0);
        outcome.usage.completionTokens += Math.max(0, Number(response.usage?.completion_tokens) || 0);
        const record = spec.parse(typeof response.content === 'string' ? response.content : '');
        if (!record) {
          spec.invalid(key);
          throw new LlmError('bad-response', llmErrorMessage({ kind: 'bad-response', detail: response.finishReason === 'length' ? 'the answer was cut off at the token limit' : 'the answer did not match the response schema' }, deps.client.endpoint));
        }
        spec.apply(key, record, false);
        if (deps.cache) {
          try {
            await deps.cache.set(key, record);
          } catch {
            // an unwritable cache costs a request next time
          }
        }
      } catch (err) {
        const kind = deps.signal?.aborted ? 'cancelled' : err instanceof LlmError ? err.kind : undefined;
        // A request that failed was still sent, unless there was no key (nothing left the machine).
        if (!counted && kind !== 'no-key' && kind !== 'cancelled') outcome.requests++;
        failures.push({ kind, message: kind === 'cancelled' ? llmErrorMessage({ kind }) : describeLlmError(err, deps.client.endpoint) });
        if (kind !== 'bad-response') stop = true;
      }
      done++;
      progress();
    }
  };
  const concurrency = Math.max(1, Math.floor(deps.concurrency ?? 2) || 1);
  await Promise.all(Array.from({ length: Math.min(concurrency, toSend.length) }, worker));
  if (failures.length) {
    const first = failures.find((f) => f.kind === 'cancelled') ?? failures.find((f) => f.kind !== 'bad-response') ?? failures[0]!;
    const counts = toSend.length > 1 ? ` (${toSend.length - (done - failures.length)} of ${toSend.length} requests did not complete)` : '';
    outcome.error = redactSecrets(
      first.kind === 'cancelled' ? `${spec.label} cancelled after ${done - failures.length} of ${toSend.length} requests.` : `${spec.label} ${spec.answered() ? 'incomplete' : 'skipped'}: ${first.message}${counts}`,
    );
  }
  return outcome;
}

/** A model's answer as JSON of `schema` (a ```json fence around it is allowed), or undefined. */
export function parseJsonAnswer<T>(content: string, schema: ZodType<T>): T | undefined {
  let text = content.trim();
  const fenced = /^```(?:json)?\s*\n([\s\S]*)\n```$/.exec(text);
  if (fenced) text = fenced[1]!;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
