import * as path from 'node:path';
import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  InternalServerError,
  OpenAIError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';
import {
  LLM_CACHE_ENTRY_SCHEMA,
  LlmError,
  displayEndpoint,
  llmErrorMessage,
  redactSecrets,
  type LlmCache,
  type LlmClient,
  type LlmErrorInfo,
  type LlmFindingRecord,
  type LlmRequest,
  type LlmResponse,
} from '../core/analysis/ambiguity/llm';
import { readCacheFile, writeFileAtomic } from './safeFs';

// The key never leaves this adapter in a message, a log or the cache [^ll3s]; the cache is written atomically [^ll2c].
/**
 * The IO side of the LLM ambiguity pass (see server/src/core/analysis/ambiguity/llm.ts for the design): an `LlmClient` over the
 * openai SDK (Chat Completions, any OpenAI-compatible base URL) and a directory-backed `LlmCache`.
 *
 * Errors: every SDK failure becomes an `LlmError` with a human message built by `llmErrorMessage` and passed through
 * `redactSecrets` with the key, so the key (or a fragment an endpoint echoes, like "sk-pr…abcd") never reaches a message.
 * The SDK's own logging is off (its debug logs would print request bodies); SDK errors are never attached as causes.
 */

export const DEFAULT_LLM_TIMEOUT_MS = 60_000;
/** The largest response body read from the endpoint (an answer of findings is a few KB) [^big_documents]. */
export const MAX_LLM_RESPONSE_BYTES = 4 * 1024 * 1024;

/** A response body past the byte limit: the read stops there (never retried: the same request would get the same). */
class ResponseTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`the response was larger than ${limit / (1024 * 1024)} MB`);
  }
}

/**
 * `fetch` whose response bodies end in an error past `limit` bytes (an announced content-length past it fails at once),
 * so an endpoint answering 100 MB costs at most `limit` in memory, not the body plus its parsed copies.
 */
function cappedFetch(limit: number): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const announced = Number(response.headers.get('content-length'));
    const body = response.body;
    if (!body) return response;
    let seen = 0;
    const reader = body.getReader();
    const capped = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (announced > limit) {
          await reader.cancel().catch(() => undefined);
          controller.error(new ResponseTooLarge(limit));
          return;
        }
        const { done, value } = await reader.read();
        if (done) return controller.close();
        seen += value.byteLength;
        if (seen > limit) {
          await reader.cancel().catch(() => undefined);
          controller.error(new ResponseTooLarge(limit));
          return;
        }
        controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(capped, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
export const DEFAULT_LLM_MAX_RETRIES = 2;

export interface OpenAIClientOptions {
  /** Default: `OPENAI_API_KEY` from `env`. */
  apiKey?: string;
  /** Default: `OPENAI_BASE_URL` from `env`, else https://api.openai.com/v1. */
  baseURL?: string;
  /** Per attempt (each retry gets its own). Default 60 s. */
  timeoutMs?: number;
  /** Retries of 408/409/429/5xx and connection errors, with the SDK's backoff (honours retry-after / retry-after-ms). Default 2. */
  maxRetries?: number;
  /** Where OPENAI_API_KEY / OPENAI_BASE_URL are read when not given. Default `process.env`. */
  env?: Record<string, string | undefined>;
  /** The largest response body read (default MAX_LLM_RESPONSE_BYTES). */
  maxResponseBytes?: number;
}

function nonEmpty(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}

/** An `LlmClient` over the openai SDK. Never throws here: a missing key fails each `complete` with kind `no-key`. */
export function createOpenAIClient(options: OpenAIClientOptions = {}): LlmClient {
  const env = options.env ?? process.env;
  const apiKey = nonEmpty(options.apiKey) ?? nonEmpty(env['OPENAI_API_KEY']);
  const baseURL = nonEmpty(options.baseURL) ?? nonEmpty(env['OPENAI_BASE_URL']) ?? 'https://api.openai.com/v1';
  const endpoint = displayEndpoint(baseURL);
  const timeoutMs = options.timeoutMs !== undefined && Number.isFinite(options.timeoutMs) && options.timeoutMs > 0 ? Math.ceil(options.timeoutMs) : DEFAULT_LLM_TIMEOUT_MS;
  const maxRetries = options.maxRetries !== undefined && Number.isFinite(options.maxRetries) ? Math.max(0, Math.floor(options.maxRetries)) : DEFAULT_LLM_MAX_RETRIES;
  const fail = (info: LlmErrorInfo): LlmError => new LlmError(info.kind, redactSecrets(llmErrorMessage(info, endpoint), apiKey), info.status);

  let sdk: OpenAI | undefined;
  let setupError: LlmError | undefined;
  if (!apiKey) {
    setupError = fail({ kind: 'no-key' });
  } else {
    try {
      const limit = options.maxResponseBytes !== undefined && options.maxResponseBytes > 0 ? options.maxResponseBytes : MAX_LLM_RESPONSE_BYTES;
      sdk = new OpenAI({ apiKey, baseURL, timeout: timeoutMs, maxRetries, logLevel: 'off', fetch: cappedFetch(limit) });
    } catch (err) {
      setupError = fail({ kind: 'bad-request', detail: err instanceof Error ? redactSecrets(err.message, apiKey) : 'the client could not be created' });
    }
  }

  return {
    endpoint,
    async complete(req: LlmRequest): Promise<LlmResponse> {
      if (setupError || !sdk) throw setupError ?? fail({ kind: 'no-key' });
      if (req.signal?.aborted) throw fail({ kind: 'cancelled' });
      let completion: unknown;
      try {
        completion = await sdk.chat.completions.create(
          {
            model: req.model,
            messages: req.messages,
            response_format: req.responseFormat as OpenAI.ResponseFormatJSONSchema,
          },
          req.signal ? { signal: req.signal } : undefined,
        );
      } catch (err) {
        throw fail(classify(err, { retries: maxRetries, timeoutMs, aborted: req.signal?.aborted === true, apiKey }));
      }
      return toResponse(completion, fail);
    },
  };
}

/** Maps an SDK (or fetch) error to the facts of an `LlmError`. */
function classify(err: unknown, ctx: { retries: number; timeoutMs: number; aborted: boolean; apiKey?: string }): LlmErrorInfo {
  const retries = ctx.retries > 0 ? { retries: ctx.retries } : {};
  if (ctx.aborted || err instanceof APIUserAbortError) return { kind: 'cancelled' };
  const tooLarge = causeOf(err, ResponseTooLarge);
  if (tooLarge) return { kind: 'bad-response', detail: tooLarge.message };
  if (err instanceof APIConnectionTimeoutError) return { kind: 'timeout', timeoutMs: ctx.timeoutMs, ...retries };
  if (err instanceof APIConnectionError) return { kind: 'network', detail: connectionDetail(err), ...retries };
  if (err instanceof AuthenticationError) return { kind: 'auth', status: 401 };
  if (err instanceof PermissionDeniedError) return { kind: 'auth', status: 403, detail: serverMessage(err, ctx.apiKey) };
  if (err instanceof RateLimitError) {
    const quota = (err.code ?? '') === 'insufficient_quota';
    return quota ? { kind: 'rate-limit', status: 429, detail: 'insufficient_quota' } : { kind: 'rate-limit', status: 429, ...retries };
  }
  if (err instanceof InternalServerError) return { kind: 'server', status: err.status, ...retries };
  if (err instanceof APIError) {
    const status = typeof err.status === 'number' ? err.status : undefined;
    if (status === 408 || status === 409) return { kind: 'server', status, ...retries };
    return { kind: 'bad-request', ...(status !== undefined ? { status } : {}), detail: serverMessage(err, ctx.apiKey) };
  }
  if (err instanceof SyntaxError) return { kind: 'bad-response', detail: 'the response body was not valid JSON' };
  if (err instanceof Error && /terminated|premature close|aborted|ECONNRESET|other side closed/i.test(`${err.message} ${String((err as { cause?: unknown }).cause ?? '')}`)) {
    return { kind: 'bad-response', detail: 'the connection closed before the whole answer arrived' };
  }
  if (err instanceof OpenAIError) return { kind: 'bad-response', detail: redactSecrets(err.message, ctx.apiKey).slice(0, 160) };
  const message = err instanceof Error ? err.message : String(err);
  return { kind: 'bad-response', detail: redactSecrets(message, ctx.apiKey).slice(0, 160) };
}

/** The first error of class `type` along the cause chain of `err`. */
function causeOf<T extends Error>(err: unknown, type: new (...args: never[]) => T): T | undefined {
  let current: unknown = err;
  for (let i = 0; i < 6 && current && typeof current === 'object'; i++) {
    if (current instanceof type) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The system error code behind a connection error (ECONNREFUSED, ENOTFOUND, …), found along the cause chain. */
function connectionDetail(err: Error): string | undefined {
  let current: unknown = err;
  for (let i = 0; i < 6 && current && typeof current === 'object'; i++) {
    const e = current as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) return connectionHint(e.code);
    if (Array.isArray(e.errors)) {
      for (const inner of e.errors) {
        const code = (inner as { code?: unknown })?.code;
        if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return connectionHint(code);
      }
    }
    current = e.cause;
  }
  return undefined;
}

function connectionHint(code: string): string {
  const hints: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'DNS lookup failed',
    ECONNRESET: 'connection reset',
    ETIMEDOUT: 'connection timed out',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    CERT_HAS_EXPIRED: 'TLS certificate expired',
  };
  return hints[code] ? `${hints[code]}, ${code}` : code;
}

/** The endpoint's own error message (e.g. "The model `x` does not exist"), redacted and shortened. */
function serverMessage(err: APIError, apiKey: string | undefined): string | undefined {
  const body = err.error as { message?: unknown } | undefined;
  const raw = typeof body?.message === 'string' ? body.message : undefined;
  if (!raw) return undefined;
  return redactSecrets(raw.replace(/\s+/g, ' ').trim(), apiKey).slice(0, 160);
}

function toResponse(completion: unknown, fail: (info: LlmErrorInfo) => LlmError): LlmResponse {
  if (!completion || typeof completion !== 'object') {
    throw fail({ kind: 'bad-response', detail: 'the endpoint did not answer with a chat completion; is the base URL right (usually ending in /v1)?' });
  }
  const c = completion as { choices?: unknown; usage?: unknown };
  const choice = Array.isArray(c.choices) ? (c.choices[0] as { message?: { content?: unknown; refusal?: unknown }; finish_reason?: unknown } | undefined) : undefined;
  if (!choice || !choice.message) throw fail({ kind: 'bad-response', detail: 'the answer had no message' });
  if (typeof choice.message.refusal === 'string' && choice.message.refusal) throw fail({ kind: 'bad-response', detail: 'the model refused to answer' });
  const content = choice.message.content;
  if (typeof content !== 'string') throw fail({ kind: 'bad-response', detail: 'the answer had no text content' });
  const response: LlmResponse = { content };
  if (typeof choice.finish_reason === 'string') response.finishReason = choice.finish_reason;
  const usage = c.usage as { prompt_tokens?: unknown; completion_tokens?: unknown } | undefined;
  if (usage && typeof usage === 'object') {
    response.usage = {};
    if (typeof usage.prompt_tokens === 'number') response.usage.prompt_tokens = usage.prompt_tokens;
    if (typeof usage.completion_tokens === 'number') response.usage.completion_tokens = usage.completion_tokens;
  }
  return response;
}

const KEY_RE = /^[a-f0-9]{16,128}$/;
/** An entry holds at most a few findings of a clause: anything larger is not one of ours. */
const MAX_LLM_ENTRY_BYTES = 1024 * 1024;

/**
 * A persisted cache: one JSON file per key (`<key>.json`) in `dir`, created on first write. Writes are atomic and never
 * follow a link, reads never block (`safeFs.ts`). An unreadable or corrupt entry is a miss and is overwritten by the
 * next write. Entries hold only findings records (phrase, category, question, suggestion).
 */
export function createDirectoryCache(dir: string): LlmCache {
  const fileOf = (key: string): string => path.join(dir, `${key}.json`);
  return {
    async get(key: string): Promise<LlmFindingRecord[] | undefined> {
      if (!KEY_RE.test(key)) return undefined;
      try {
        // A FIFO, a device or a link planted as an entry is a miss, never a hang [^ca7s].
        const text = await readCacheFile(fileOf(key), MAX_LLM_ENTRY_BYTES);
        if (text === undefined) return undefined;
        const json = JSON.parse(text) as { findings?: unknown };
        const parsed = LLM_CACHE_ENTRY_SCHEMA.safeParse(json?.findings);
        return parsed.success ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    },
    async set(key: string, value: LlmFindingRecord[]): Promise<void> {
      if (!KEY_RE.test(key)) throw new Error('invalid cache key');
      const findings = LLM_CACHE_ENTRY_SCHEMA.parse(value).map((r) => ({ phrase: r.phrase, category: r.category, question: r.question, suggestion: r.suggestion }));
      await writeFileAtomic(fileOf(key), `${JSON.stringify({ version: 1, findings }, null, 2)}\n`);
    },
  };
}

/** The client for the configured endpoint, with a run's overrides (key, timeout, retries): one place for both LLM passes. */
export function clientForConfig(
  config: { llm: { baseURL?: string | undefined; timeoutSeconds: number } },
  options: { apiKey?: string | undefined; timeoutMs?: number | undefined; maxRetries?: number | undefined },
): LlmClient {
  const baseURL = config.llm.baseURL;
  return createOpenAIClient({
    ...(options.apiKey !== undefined ? { apiKey: options.apiKey } : {}),
    ...(baseURL !== undefined ? { baseURL } : {}),
    timeoutMs: options.timeoutMs ?? config.llm.timeoutSeconds * 1000,
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
  });
}
