/**
 * A one-line progress bar for long simulations, fed by Network.run's
 * `report` callback. It appears only once a run has taken a while (the first
 * report comes after `reportPeriod` of wall-clock time), so short runs stay quiet.
 */
import type { Progress } from '../index.ts';

/** Where the bar is drawn: a terminal (redrawn in place) or a log (one line when done). */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

const WIDTH = 30;

export function progressBar(label: string, stream: ProgressStream): (p: Progress) => void {
  let shown = false;
  return (p) => {
    if (p.fraction >= 1 && !shown) return;
    shown = true;
    const filled = Math.round(p.fraction * WIDTH);
    const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${Math.round(p.fraction * 100)}%  ${(p.t * 1e3).toFixed(0)} ms simulated in ${p.elapsed.toFixed(1)} s`;
    if (stream.isTTY) stream.write(`\r${line}${p.fraction >= 1 ? '\n' : ''}`);
    else if (p.fraction >= 1) stream.write(`${line}\n`);
  };
}
