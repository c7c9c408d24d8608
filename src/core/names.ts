const used = new Map<string, number>();

/**
 * Brian2-style unique names: 'neurongroup', 'neurongroup_1', … An explicit
 * name is taken as given (uniqueness within a network is checked there).
 */
export function uniqueName(base: string, explicit?: string): string {
  if (explicit !== undefined) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(explicit)) throw new Error(`'${explicit}' is not a valid object name (letters, digits and '_', starting with a letter)`);
    return explicit;
  }
  const n = used.get(base) ?? 0;
  used.set(base, n + 1);
  return n === 0 ? base : `${base}_${n}`;
}
