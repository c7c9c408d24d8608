import { HOST_HEAP_BASE, loadRuntimeSource } from './compile.ts';

/** Text of the AssemblyScript runtime library that precedes every generated kernel. */
export const runtimeLibrarySource = loadRuntimeSource;

/** Simulation arrays start here; the kernel's own static data must end below. */
export const KERNEL_DATA_LIMIT = HOST_HEAP_BASE;
