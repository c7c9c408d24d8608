import type { Progress } from '../core/network.ts';

/** A one-line progress bar on stderr for long runs (only when stderr is a terminal). */
export function progressBar(label: string): ((p: Progress) => void) | undefined {
  const stream = process.stderr;
  if (!stream.isTTY) return undefined;
  return (p) => {
    const width = 30;
    const filled = Math.round(p.fraction * width);
    const eta = p.fraction > 0 && p.fraction < 1 ? ` ~${((p.elapsed / p.fraction) * (1 - p.fraction)).toFixed(1)} s left` : '';
    stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(p.fraction * 100)}%${eta}   `);
    if (p.fraction >= 1) stream.write('\n');
  };
}
