import * as fs from 'node:fs';

/**
 * Preloaded into a measured process (`node --require out/bench/maxrss.js …`): on exit, writes the process's peak
 * resident set size (kB, all threads) to the file named by BENCH_MAXRSS_FILE.
 */
const target = process.env['BENCH_MAXRSS_FILE'];
if (target) process.on('exit', () => fs.writeFileSync(target, String(process.resourceUsage().maxRSS)));
/** And its CPU time (user + system, ms, all threads) to BENCH_CPU_FILE: wall time on a loaded machine says little. */
const cpuTarget = process.env['BENCH_CPU_FILE'];
if (cpuTarget) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    fs.writeFileSync(cpuTarget, String((u.userCPUTime + u.systemCPUTime) / 1000));
  });
}
