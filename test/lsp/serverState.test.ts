// The server's state under interleaved edits, file events, folder changes and requests [^ls5w] [^ls2t]: a seeded
// model-based run (test/helpers/serverModel.ts) compares what the server publishes and answers, after quiescence, with
// a fresh index of the same disk state plus the open texts. A few seeds here; hundreds in test/stress/serverState.test.ts.
import { runServerModel } from '../helpers/serverModel';

describe('server state: a model-based run of edits, file and folder events, folder changes and requests', function () {
  this.timeout(120_000);
  for (const seed of [1, 2, 3, 4]) {
    it(`seed ${seed}: after quiescence, diagnostics, workspace symbols and definitions equal a fresh index of disk + open texts`, async () => {
      await runServerModel({ seed, steps: 40 });
    });
  }
});
