import * as fs from 'node:fs';
import { scanMarkdown } from '../server/src/core/markdown/scanner';
import { parseMdast } from '../test/helpers/markdownOracle';

/**
 * The Markdown scanner's throughput next to micromark's (remark-parse with parseSpec's plugins, the oracle) on the
 * same texts in the same process, one thread. Texts are read first; only parsing is timed. Each side runs whole
 * rounds over all texts until MIN_MS have passed (the scanner after a warm-up round). Prints
 * `{ files, mb, scannerMBs, micromarkMBs, scannerCpuMBs, micromarkCpuMBs, readMBs }` (MB = 10^6 bytes of UTF-8; `Cpu`:
 * per second of this process's CPU time; readMBs: a loop reading each character).
 * Usage: node out/bench/mdScanner.js LIST_FILE (one absolute path a line)
 */
const MIN_MS = 1500;
const files = fs.readFileSync(process.argv[2]!, 'utf8').split('\n').filter(Boolean);
const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
const mb = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1e6;

/** MB/s over wall time, and over this process's CPU time (what a busy machine's scheduling does not change). */
function rates(parse: (text: string) => unknown, minRounds: number): [number, number] {
  let rounds = 0;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let ms = 0;
  while (rounds < minRounds || ms < MIN_MS) {
    for (const t of texts) parse(t);
    rounds++;
    ms = performance.now() - started;
  }
  const cpu = process.cpuUsage(cpuStarted);
  return [(mb * rounds) / (ms / 1000), (mb * rounds) / ((cpu.user + cpu.system) / 1e6)];
}

for (const t of texts) scanMarkdown(t); // warm-up (JIT)
const [scannerMBs, scannerCpuMBs] = rates(scanMarkdown, 3);
const [micromarkMBs, micromarkCpuMBs] = rates(parseMdast, 1);
/** The floor on this machine at this moment: one pass reading every character (how busy the machine is shows here). */
let sink = 0;
const [readMBs] = rates((t) => {
  let sum = 0;
  for (let i = 0; i < t.length; i++) sum += t.charCodeAt(i);
  sink += sum;
}, 3);
process.stdout.write(JSON.stringify({ files: files.length, mb, scannerMBs, micromarkMBs, scannerCpuMBs, micromarkCpuMBs, readMBs, sink: sink > 0 }));
