import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { ClarifierConfig } from '../core/workspace/config';
import type { SpecFacts } from '../core/markdown/parseSpec';
import { runAmbiguityJob, type AmbiguityJob } from '../core/workspace/ambiguityPass';
import { WorkspaceIndex, type AmbiguityHit, type FileFacts } from '../core/workspace/workspaceIndex';
import { readTextFileSync, type Skipped } from './walk';

/**
 * A worker thread of the first scan (see loadWorkspace): reads the batches of files it is sent and indexes them with
 * the folder's configuration, answering per batch with the per-file facts (plain data) for the main index. When the
 * main thread runs the ambiguity pass (WorkerInit.deferAmbiguity), a batch's answer carries the pass's job of each
 * reviewed spec instead of its hits, and the worker runs the jobs it is sent back (the pass's tail, PassJobs).
 */

export interface WorkerInit {
  root: string;
  config: ClarifierConfig;
  /** The main index is a batch index: no chunk facts are sent (it would not keep them). */
  batch: boolean;
  /** Whether the facts carry content hashes (IndexOptions.contentHashes): not for a batch run without the cache. */
  contentHashes: boolean;
  /** Whether a spec's facts carry its prose blocks (LoadOptions.prose; always with the cache, which stores them). */
  prose: boolean;
  /** The main thread runs the ambiguity pass: jobs are sent, not hits (IndexOptions.deferAmbiguity). */
  deferAmbiguity: boolean;
}

/**
 * A spec's facts with no prose blocks: a copy whose other properties are those of `spec` as they are (read as property
 * descriptors: parseSpec's lazy `prose` getter, which shifts every block of the document, is not run).
 */
export function withoutProse(spec: SpecFacts): SpecFacts {
  const descriptors: PropertyDescriptorMap = Object.getOwnPropertyDescriptors(spec);
  descriptors['prose'] = { value: [], enumerable: true, configurable: true, writable: true };
  return Object.defineProperties({}, descriptors) as SpecFacts;
}

export interface BatchResult {
  facts: FileFacts[];
  /** Files that exist but could not be read as text. */
  skipped: Skipped[];
  bytes: number;
  /** The ambiguity pass's jobs of the batch's reviewed specs (deferAmbiguity): their hits are not in `facts`. */
  jobs: AmbiguityJob[];
}

/** Jobs of the pass sent to a worker (the tail of the main thread's queue), and its answer. */
export interface PassJobs {
  jobs: AmbiguityJob[];
}
export interface PassHits {
  hits: { path: string; hits: AmbiguityHit[] }[];
}

if (parentPort && (workerData as { clarifierIndexWorker?: WorkerInit } | undefined)?.clarifierIndexWorker) {
  const { root, config, batch: batchIndex, contentHashes, prose, deferAmbiguity } = (workerData as { clarifierIndexWorker: WorkerInit }).clarifierIndexWorker;
  const port = parentPort;
  port.on('message', (message: string[] | PassJobs) => {
    if (!Array.isArray(message)) {
      const answer: PassHits = { hits: message.jobs.map((job) => ({ path: job.path, hits: runAmbiguityJob(job, config) })) };
      port.postMessage(answer);
      return;
    }
    // A fresh index per batch: the facts go to the main thread, nothing needs to stay here.
    const index = new WorkspaceIndex(config, { batch: batchIndex, contentHashes, deferAmbiguity });
    const result: BatchResult = { facts: [], skipped: [], bytes: 0, jobs: [] };
    for (const rel of message) {
      const read = readTextFileSync(path.join(root, rel));
      if ('text' in read) {
        result.bytes += read.text.length;
        // With its content hash when one is read (contentHashes): the facts go to the index cache (an entry without one
        // is invalid there) and let the server skip a second parse when the editor opens the same text.
        index.updateFile(rel, read.text);
        const facts = index.factsOf(rel);
        if (facts?.spec && !prose) facts.spec = withoutProse(facts.spec);
        if (facts) result.facts.push(facts);
        const job = index.takeAmbiguityJob(rel);
        if (job) result.jobs.push(job);
      } else result.skipped.push({ path: rel, reason: read.skipped });
    }
    port.postMessage(result);
  });
}
