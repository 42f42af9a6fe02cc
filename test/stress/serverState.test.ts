// The model-based run of test/lsp/serverState.test.ts over many seeds [^ls5w]. SEEDS (environment) sets how many.
import { runServerModel } from '../helpers/serverModel';

const SEEDS = Number(process.env['CLARIFIER_MODEL_SEEDS'] ?? 200);
const PER_TEST = 20;

describe('server state: the model-based run over many seeds', function () {
  this.timeout(600_000);
  for (let first = 100; first < 100 + SEEDS; first += PER_TEST) {
    const last = Math.min(100 + SEEDS, first + PER_TEST) - 1;
    it(`seeds ${first}-${last}: after quiescence, diagnostics, workspace symbols and definitions equal a fresh index of disk + open texts`, async () => {
      for (let seed = first; seed <= last; seed++) await runServerModel({ seed, steps: 60 });
    });
  }
});
