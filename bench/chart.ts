import * as fs from 'node:fs';
import { chromium } from 'playwright-core';

/** A hand-written SVG line chart of time vs workspace size (log-log), one line per measured tool. No dependency. */

interface ChartRow {
  files: number;
  rgMs: number;
  checkColdMs: number;
  checkWarmMs: number;
  lspIndexMs: number;
  mdOursMs: number;
  mdlsMs?: number;
}

const SERIES: { label: string; color: string; dash?: string; value: (r: ChartRow) => number | undefined }[] = [
  { label: 'ripgrep [^id] scan', color: '#6b7280', dash: '4 3', value: (r) => r.rgMs },
  { label: 'clarify check, cold', color: '#dc2626', value: (r) => r.checkColdMs },
  { label: 'clarify check, warm cache', color: '#f59e0b', value: (r) => r.checkWarmMs },
  { label: 'server: initialize → indexed', color: '#2563eb', value: (r) => r.lspIndexMs },
  { label: 'Markdown part: ours', color: '#059669', value: (r) => r.mdOursMs },
  { label: 'Markdown part: VS Code Markdown LS', color: '#7c3aed', dash: '6 3', value: (r) => r.mdlsMs },
];

export function writeChart(file: string, rows: ChartRow[]): void {
  const width = 820;
  const height = 440;
  const m = { left: 70, right: 300, top: 30, bottom: 50 };
  const pw = width - m.left - m.right;
  const ph = height - m.top - m.bottom;
  const xs = rows.map((r) => r.files);
  const ys = rows.flatMap((r) => SERIES.map((s) => s.value(r)).filter((v): v is number => v !== undefined && v > 0));
  const xMin = Math.pow(10, Math.floor(Math.log10(Math.min(...xs))));
  const xMax = Math.pow(10, Math.ceil(Math.log10(Math.max(...xs))));
  const yMin = Math.pow(10, Math.floor(Math.log10(Math.min(...ys))));
  const yMax = Math.pow(10, Math.ceil(Math.log10(Math.max(...ys))));
  const x = (v: number): number => m.left + (pw * (Math.log10(v) - Math.log10(xMin))) / (Math.log10(xMax) - Math.log10(xMin));
  const y = (v: number): number => m.top + ph - (ph * (Math.log10(v) - Math.log10(yMin))) / (Math.log10(yMax) - Math.log10(yMin));
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="-apple-system, Segoe UI, Helvetica, Arial, sans-serif" font-size="12">`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="${m.left}" y="18" font-size="14" font-weight="600">Time vs workspace size (log-log; lower is better)</text>`);
  for (let v = yMin; v <= yMax; v *= 10) {
    out.push(`<line x1="${m.left}" x2="${m.left + pw}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#e5e7eb"/>`);
    const label = v >= 1000 ? `${v / 1000} s` : `${v} ms`;
    out.push(`<text x="${m.left - 8}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" fill="#374151">${label}</text>`);
  }
  for (let v = xMin; v <= xMax; v *= 10) {
    out.push(`<line x1="${x(v).toFixed(1)}" x2="${x(v).toFixed(1)}" y1="${m.top}" y2="${m.top + ph}" stroke="#e5e7eb"/>`);
    out.push(`<text x="${x(v).toFixed(1)}" y="${m.top + ph + 18}" text-anchor="middle" fill="#374151">${v.toLocaleString('en-US')}</text>`);
  }
  out.push(`<text x="${m.left + pw / 2}" y="${height - 10}" text-anchor="middle" fill="#111827">files in the workspace</text>`);
  out.push(`<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#9ca3af"/>`);
  SERIES.forEach((s, i) => {
    const points = rows.map((r) => [r.files, s.value(r)] as const).filter((p): p is readonly [number, number] => p[1] !== undefined && p[1] > 0);
    if (points.length) {
      const d = points.map(([px, py], j) => `${j ? 'L' : 'M'}${x(px).toFixed(1)},${y(py).toFixed(1)}`).join(' ');
      out.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
      for (const [px, py] of points) out.push(`<circle cx="${x(px).toFixed(1)}" cy="${y(py).toFixed(1)}" r="3" fill="${s.color}"/>`);
    }
    const ly = m.top + 10 + i * 20;
    out.push(`<line x1="${m.left + pw + 16}" x2="${m.left + pw + 40}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
    out.push(`<text x="${m.left + pw + 46}" y="${ly + 4}" fill="#111827">${s.label}</text>`);
  });
  out.push('</svg>');
  fs.writeFileSync(file, out.join('\n') + '\n');
}

/**
 * The chart as PNG too (VS Code's packager refuses SVG images in the README): the SVG rendered by the Debian chromium
 * that the real-editor tests use (CHROMIUM_PATH to use another). Without one, only the SVG is written.
 */
export async function writeChartPng(svgFile: string, pngFile: string): Promise<boolean> {
  const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) return false;
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 2 });
    await page.setContent(`<!doctype html><body style="margin:0">${fs.readFileSync(svgFile, 'utf8')}</body>`);
    await page.locator('svg').first().screenshot({ path: pngFile });
    return true;
  } finally {
    await browser.close();
  }
}
