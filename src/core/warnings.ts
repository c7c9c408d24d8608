const seen = new Set<string>();
let handler: (message: string) => void = (message) => console.warn(`spikeforge: ${message}`);

/** Brian2-style warnings (each shown once): things that run but are probably not what was meant. */
export function warnOnce(key: string, message: string): void {
  if (seen.has(key)) return;
  seen.add(key);
  handler(message);
}

/** Route warnings elsewhere (a logger, a test collecting them, or nowhere). */
export function setWarningHandler(h: (message: string) => void): void {
  handler = h;
}
