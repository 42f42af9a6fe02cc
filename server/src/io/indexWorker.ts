import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { ClarifierConfig } from '../core/workspace/config';
import { WorkspaceIndex, type FileFacts } from '../core/workspace/workspaceIndex';
import { readTextFileSync, type Skipped } from './walk';

/**
 * A worker thread of the first scan (see loadWorkspace): reads the batches of files it is sent and indexes them with
 * the folder's configuration, answering per batch with the per-file facts (plain data) for the main index.
 */

export interface WorkerInit {
  root: string;
  config: ClarifierConfig;
  /** The main index is a batch index: no chunk facts are sent (it would not keep them). */
  batch: boolean;
  /** Whether the facts carry content hashes (IndexOptions.contentHashes): not for a batch run without the cache. */
  contentHashes: boolean;
}

export interface BatchResult {
  facts: FileFacts[];
  /** Files that exist but could not be read as text. */
  skipped: Skipped[];
  bytes: number;
}

if (parentPort && (workerData as { clarifierIndexWorker?: WorkerInit } | undefined)?.clarifierIndexWorker) {
  const { root, config, batch: batchIndex, contentHashes } = (workerData as { clarifierIndexWorker: WorkerInit }).clarifierIndexWorker;
  const port = parentPort;
  port.on('message', (batch: string[]) => {
    // A fresh index per batch: the facts go to the main thread, nothing needs to stay here.
    const index = new WorkspaceIndex(config, { batch: batchIndex, contentHashes });
    const result: BatchResult = { facts: [], skipped: [], bytes: 0 };
    for (const rel of batch) {
      const read = readTextFileSync(path.join(root, rel));
      if ('text' in read) {
        result.bytes += read.text.length;
        // With its content hash when one is read (contentHashes): the facts go to the index cache (an entry without one
        // is invalid there) and let the server skip a second parse when the editor opens the same text.
        index.updateFile(rel, read.text);
        const facts = index.factsOf(rel);
        if (facts) result.facts.push(facts);
      } else result.skipped.push({ path: rel, reason: read.skipped });
    }
    port.postMessage(result);
  });
}
