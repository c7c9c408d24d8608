/**
 * Runs a case of the Brian2 language catalogue (test/fixtures/language)
 * through spikeforge's front end the way a NeuronGroup does: analyse the
 * model, then choose the integration method.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TimedArray } from '../../src/core/timedarray.ts';
import type { Namespace, NamespaceValue } from '../../src/equations/namespace.ts';
import { analyseNeuronModel, type NeuronModel } from '../../src/equations/neuronmodel.ts';
import { applyStateUpdater, substitutedEquations, type StateUpdate, type StateUpdateProblem } from '../../src/stateupdaters/index.ts';
import { parseUnit, Quantity } from '../../src/units/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const LANGUAGE_FIXTURES = join(here, '..', 'fixtures', 'language');

export function loadJson<T>(name: string): T {
  return JSON.parse(readFileSync(join(LANGUAGE_FIXTURES, name), 'utf8')) as T;
}

/** A namespace entry as the catalogue stores it (SI values). */
export type CatalogueValue =
  | { value: number | boolean | string; unit: string; type?: 'int' | 'bool' }
  | { type: 'timedarray'; values: number[] | number[][]; unit: string; dt: number };

export interface AcceptanceCase {
  id: string;
  kind: string;
  description: string;
  equations: string;
  threshold: string | { value: number; unit: string } | null;
  reset: string | null;
  refractory: string | { value: number; unit: string } | null;
  method: string | string[] | null;
  namespace: Record<string, CatalogueValue>;
  N: number;
  accepted: boolean;
  stage: 'equations' | 'neurongroup' | 'run' | null;
  error_type: string | null;
  error_message: string | null;
  error_chain?: Array<{ type: string; message: string }>;
  error_object?: string;
  method_chosen?: string;
  method_fallback?: boolean;
  warnings?: Array<{ logger: string; message: string }>;
}

export function siNumber(v: number | string): number {
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (v === 'NaN') return NaN;
  return v as number;
}

export function quantityOf(q: { value: number | string; unit: string }): Quantity {
  return new Quantity(siNumber(q.value), parseUnit(q.unit).dim);
}

/** The catalogue's namespace as spikeforge namespace values. */
export function toNamespace(ns: Record<string, CatalogueValue>): Namespace {
  const out: Record<string, NamespaceValue> = {};
  for (const [name, v] of Object.entries(ns)) {
    if (v.type === 'timedarray') {
      out[name] = new TimedArray(v.values, { dt: new Quantity(v.dt, parseUnit('second').dim), unit: parseUnit(v.unit).dim });
    } else if (v.type === 'bool') {
      out[name] = Boolean(v.value);
    } else if (v.type === 'int') {
      out[name] = v.value as number;
    } else {
      out[name] = quantityOf(v as { value: number; unit: string });
    }
  }
  return out;
}

export const DT = 1e-4;

export interface FrontEndResult {
  model: NeuronModel;
  update?: StateUpdate & { chosenAutomatically: boolean };
  problem: StateUpdateProblem;
}

/**
 * Analyse the case's model and choose its state updater, exactly as
 * NeuronGroup.prepare does; throws whatever our front end throws.
 */
export function runFrontEnd(c: Pick<AcceptanceCase, 'equations' | 'threshold' | 'reset' | 'refractory' | 'method' | 'namespace'> & { N?: number }): FrontEndResult {
  const refractory = c.refractory === null ? null : typeof c.refractory === 'string' ? c.refractory : quantityOf(c.refractory);
  const threshold = c.threshold === null ? null : typeof c.threshold === 'string' ? c.threshold : (quantityOf(c.threshold) as unknown as string);
  const model = analyseNeuronModel({
    equations: c.equations,
    threshold,
    reset: c.reset,
    refractory,
    namespace: toNamespace(c.namespace),
    N: c.N ?? 1,
  });
  const problem: StateUpdateProblem = {
    equations: substitutedEquations(model.equations, model.subexpressionOrder),
    stochasticVariables: model.equations.stochasticVariables,
    scope: model.scope,
    dt: DT,
  };
  if (problem.equations.length > 0 || model.refractory.kind !== 'none') {
    return { model, problem, update: applyStateUpdater(problem, c.method) };
  }
  return { model, problem };
}
