import { euler, heun, milstein, rk2, rk4 } from './explicit.ts';
import { exact } from './exact.ts';
import { exponentialEuler } from './exponential-euler.ts';
import { independent } from './independent.ts';
import { UnsupportedEquations, type StateUpdate, type StateUpdateProblem, type StateUpdater } from './problem.ts';

export * from './problem.ts';
export { substitutedEquations } from './substituted.ts';

/** Brian2's registered integration methods, by the names it accepts. */
export const STATE_UPDATERS: ReadonlyMap<string, StateUpdater> = new Map<string, StateUpdater>([
  ['euler', euler],
  ['rk2', rk2],
  ['rk4', rk4],
  ['heun', heun],
  ['milstein', milstein],
  ['exponential_euler', exponentialEuler],
  ['exact', exact],
  ['linear', (p) => ({ ...exact(p), method: 'linear' })],
  // Deprecated in Brian2 (and never chosen automatically), but still accepted.
  ['independent', independent],
]);

/** What Brian2 tries, in order, when no method is given. */
export const DEFAULT_METHODS = ['exact', 'euler', 'heun'] as const;

export type MethodChoice = string | readonly string[] | undefined | null;

/**
 * Apply a method by name, or try a list in order and take the first that
 * can integrate the equations (Brian2's apply_stateupdater).
 */
export function applyStateUpdater(problem: StateUpdateProblem, method: MethodChoice): StateUpdate & { chosenAutomatically: boolean } {
  if (problem.equations.length === 0) return { method: typeof method === 'string' ? method : 'none', statements: [], chosenAutomatically: false };
  if (typeof method === 'string') {
    const updater = STATE_UPDATERS.get(method.toLowerCase());
    if (!updater) {
      const hint = method.toLowerCase() === 'gsl' || method.toLowerCase().startsWith('gsl_') ? ' (the GSL methods are not available in spikeforge)' : '';
      throw new Error(`No state updater with the name '${method}' is known${hint}. Known methods: ${[...STATE_UPDATERS.keys()].join(', ')}`);
    }
    return { ...updater(problem), chosenAutomatically: false };
  }
  const candidates = method ?? DEFAULT_METHODS;
  const reasons: string[] = [];
  for (const name of candidates) {
    const updater = STATE_UPDATERS.get(name.toLowerCase());
    if (!updater) throw new Error(`No state updater with the name '${name}' is known. Known methods: ${[...STATE_UPDATERS.keys()].join(', ')}`);
    try {
      return { ...updater(problem), chosenAutomatically: method === undefined || method === null };
    } catch (err) {
      if (!(err instanceof UnsupportedEquations)) throw err;
      reasons.push(`${name}: ${err.message}`);
    }
  }
  throw new Error(`No stateupdater that is suitable for the given equations has been found (tried ${candidates.join(', ')}):\n  ${reasons.join('\n  ')}`);
}
