// Worker thread that runs the AssemblyScript compiler for src/platform/node.ts.
// Plain JavaScript so that it runs without a TypeScript loader (the worker is
// started with empty execArgv precisely to avoid loader hooks).
// Protocol: receives {id, entry, source, flags}; replies {id, binary, stderr, diagnostics, error}.
import { parentPort } from 'node:worker_threads';

let ascPromise;

async function compile(job) {
  ascPromise ??= import('assemblyscript/asc').then((m) => m.default ?? m);
  const asc = await ascPromise;
  let binary = null;
  let stderr = '';
  const diagnostics = [];
  const decoder = new TextDecoder();
  const result = await asc.main([job.entry, '--outFile', 'kernel.wasm', '--noColors', ...job.flags], {
    readFile: (name) => (name === job.entry ? job.source : null),
    writeFile: (name, contents) => {
      if (name === 'kernel.wasm' && contents instanceof Uint8Array) binary = contents.slice();
    },
    listFiles: () => [],
    stdout: { write: () => {} },
    stderr: { write: (chunk) => void (stderr += typeof chunk === 'string' ? chunk : decoder.decode(chunk)) },
    reportDiagnostic: (d) =>
      diagnostics.push({
        code: d.code,
        category: d.category,
        message: d.message,
        file: d.range ? d.range.source.normalizedPath : null,
        start: d.range ? d.range.start : null,
      }),
  });
  return { binary: result.error ? null : binary, stderr, diagnostics, error: result.error ? String(result.error.message ?? result.error) : null };
}

parentPort.on('message', async (job) => {
  let reply;
  try {
    reply = { id: job.id, ...(await compile(job)) };
  } catch (err) {
    reply = { id: job.id, binary: null, stderr: '', diagnostics: [], error: String(err?.stack ?? err) };
  }
  parentPort.postMessage(reply, reply.binary ? [reply.binary.buffer] : []);
});
