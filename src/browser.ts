/**
 * The browser entry: the same API as in Node. Kernels compile to WebAssembly
 * in the page (the AssemblyScript compiler is loaded on first use, as a
 * separate chunk) and are cached in IndexedDB; `backend: 'js'` starts
 * instantly without the compiler.
 */
export * from './index.ts';
