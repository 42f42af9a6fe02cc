import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local fake of an OpenAI-compatible endpoint (node:http on 127.0.0.1, a free port): `POST /v1/chat/completions`
 * answers from a scriptable queue, then from a fallback (an empty findings answer unless given). Every request is
 * recorded (parsed body and headers) so tests can assert what was sent. Tests must never print the recorded
 * Authorization header: compare it, don't show it.
 */

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  /** The parsed JSON body (undefined when it was not JSON). */
  body: ChatBody | undefined;
}

export interface ChatBody {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: unknown;
  [k: string]: unknown;
}

export type Usage = { prompt_tokens: number; completion_tokens: number };

export type FakeReply =
  /** A 200 chat completion whose message content is `{"findings": [...]}` (or `content` verbatim). */
  | { kind: 'answer'; findings?: unknown[]; content?: string; usage?: Usage; finishReason?: string; refusal?: string; delayMs?: number }
  /** Any status with a JSON error body (401, 429, 500…), e.g. `{ kind: 'status', status: 429, headers: { 'retry-after-ms': '10' } }`. */
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  /** A raw body (e.g. HTML with status 200). */
  | { kind: 'raw'; status?: number; contentType?: string; body: string }
  /** Never answers (for timeouts and cancellation); the socket is destroyed on close(). */
  | { kind: 'hang' }
  /** Announces a long JSON body, sends part of it and drops the connection. */
  | { kind: 'truncated' }
  /** A valid chat completion of about `bytes` bytes (its content a long string), streamed in 64 KB writes without being
   * built in memory; without a content-length header when `chunked`. */
  | { kind: 'huge'; bytes: number; chunked?: boolean };

export type ReplyScript = FakeReply | ((req: RecordedRequest) => FakeReply);

export interface FakeOpenAI {
  /** e.g. `http://127.0.0.1:41234/v1` */
  baseURL: string;
  requests: RecordedRequest[];
  /** Highest number of requests in flight at once. */
  readonly maxInFlight: number;
  enqueue(...replies: ReplyScript[]): void;
  /** The reply when the queue is empty. */
  setFallback(reply: ReplyScript): void;
  close(): Promise<void>;
}

export const DEFAULT_USAGE: Usage = { prompt_tokens: 100, completion_tokens: 20 };

export async function startFakeOpenAI(options: { fallback?: ReplyScript } = {}): Promise<FakeOpenAI> {
  const queue: ReplyScript[] = [];
  let fallback: ReplyScript = options.fallback ?? { kind: 'answer', findings: [] };
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let counter = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: ChatBody | undefined;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatBody;
      } catch {
        body = undefined;
      }
      const recorded: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(recorded);
      if (req.method !== 'POST' || !(req.url ?? '').startsWith('/v1/chat/completions')) {
        sendJson(res, 404, { error: { message: `fake: no route ${req.method} ${req.url}`, type: 'invalid_request_error' } });
        return;
      }
      const script = queue.length > 0 ? queue.shift()! : fallback;
      const reply = typeof script === 'function' ? script(recorded) : script;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const finish = (): void => {
        inFlight--;
      };
      res.on('close', finish);
      respond(reply, res, body, ++counter);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    enqueue: (...replies) => {
      queue.push(...replies);
    },
    setFallback: (reply) => {
      fallback = reply;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A base URL on which nothing listens (a port that was just free). */
export async function refusedBaseURL(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}

function sendJson(res: http.ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function respond(reply: FakeReply, res: http.ServerResponse, body: ChatBody | undefined, n: number): void {
  switch (reply.kind) {
    case 'answer': {
      const content = reply.content ?? JSON.stringify({ findings: reply.findings ?? [] });
      const completion = {
        id: `chatcmpl-fake-${n}`,
        object: 'chat.completion',
        created: 1_700_000_000,
        model: body?.model ?? 'fake',
        choices: [{ index: 0, message: { role: 'assistant', content: reply.refusal ? null : content, refusal: reply.refusal ?? null }, finish_reason: reply.finishReason ?? 'stop' }],
        usage: { ...(reply.usage ?? DEFAULT_USAGE), total_tokens: (reply.usage ?? DEFAULT_USAGE).prompt_tokens + (reply.usage ?? DEFAULT_USAGE).completion_tokens },
      };
      if (reply.delayMs) setTimeout(() => sendJson(res, 200, completion), reply.delayMs);
      else sendJson(res, 200, completion);
      return;
    }
    case 'status':
      sendJson(res, reply.status, reply.body ?? { error: { message: `fake error ${reply.status}`, type: 'server_error', code: null } }, reply.headers);
      return;
    case 'raw':
      res.writeHead(reply.status ?? 200, { 'content-type': reply.contentType ?? 'text/html' });
      res.end(reply.body);
      return;
    case 'hang':
      return; // closeAllConnections() on close() ends it
    case 'huge': {
      const head = '{"id":"chatcmpl-huge","object":"chat.completion","created":1700000000,"model":"fake","choices":[{"index":0,"message":{"role":"assistant","content":"';
      const tail = '"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}';
      const fill = Math.max(0, reply.bytes - head.length - tail.length);
      res.writeHead(200, { 'content-type': 'application/json', ...(reply.chunked ? {} : { 'content-length': String(head.length + fill + tail.length) }) });
      const block = 'x'.repeat(64 * 1024);
      let left = fill;
      res.write(head);
      const pump = (): void => {
        while (left > 0) {
          const n = Math.min(left, block.length);
          left -= n;
          if (!res.write(n === block.length ? block : block.slice(0, n))) {
            res.once('drain', pump);
            return;
          }
        }
        res.end(tail);
      };
      res.on('error', () => undefined);
      pump();
      return;
    }
    case 'truncated': {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4000' });
      res.write('{"id":"chatcmpl-cut","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"{\\"findi');
      setTimeout(() => res.socket?.destroy(), 5);
      return;
    }
  }
}

/** The clauses of a user message built by `buildMessages`: id, authority and text of each block. */
export function clausesInUserMessage(content: string): { id: string; authority: string; text: string }[] {
  const out: { id: string; authority: string; text: string }[] = [];
  const re = /^<<<CLAUSE ([0-9a-f]+) id="([^"]*)" authority="([^"]*)"[^\n]*>>>\n([^\n]*)\n<<<END \1>>>$/gm;
  for (let m = re.exec(content); m; m = re.exec(content)) out.push({ id: m[2]!, authority: m[3]!, text: m[4]! });
  return out;
}

/** The user message of a recorded request (the last message). */
export function userMessage(req: RecordedRequest): string {
  const messages = req.body?.messages ?? [];
  return messages[messages.length - 1]?.content ?? '';
}

/**
 * Mocha hooks for a describe block: a fresh fake endpoint before each test, with OPENAI_API_KEY and OPENAI_BASE_URL
 * pointing at it, closed and the environment restored after. Read the endpoint through the returned getter.
 */
export function useFakeOpenAI(key: string): () => FakeOpenAI {
  let fake: FakeOpenAI | undefined;
  const saved = { key: process.env['OPENAI_API_KEY'], base: process.env['OPENAI_BASE_URL'] };
  beforeEach(async () => {
    fake = await startFakeOpenAI();
    process.env['OPENAI_API_KEY'] = key;
    process.env['OPENAI_BASE_URL'] = fake.baseURL;
  });
  afterEach(async () => {
    await fake?.close();
    for (const [k, v] of [['OPENAI_API_KEY', saved.key], ['OPENAI_BASE_URL', saved.base]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
  return () => fake!;
}
