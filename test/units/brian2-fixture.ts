// Loads test/fixtures/units/brian2_str.json, produced by
// tools/brian2/units_reference.py from Brian2 2.5.1.
import { readFileSync } from 'node:fs';

/** JSON has no NaN/Infinity; the generator writes them as strings. */
export type JsonFloat = number | 'nan' | 'inf' | '-inf';

export function decodeFloat(x: JsonFloat): number {
  switch (x) {
    case 'nan':
      return NaN;
    case 'inf':
      return Infinity;
    case '-inf':
      return -Infinity;
    default:
      return x;
  }
}

/** [Brian2 name, dispname, float value] of a unit in the user register. */
export type RegisteredUnit = [string, string, number];

export interface ValueAndDim {
  value: number;
  dim: number[];
}

export type ScenarioStep =
  | { op: 'str'; value: JsonFloat; dim: number[]; expect: string }
  | { op: 'display'; dim: number[]; expect: string }
  | { op: 'unit' | 'quantity'; text: string; python: string };

export interface Brian2Fixture {
  /** lookup name -> [Brian2 name, dispname, float value, dims] */
  units: Record<string, [string, string, number, number[]]>;
  /** Names in DEFAULT_UNITS or `from brian2 import *`. */
  defaultNames: string[];
  quantityStr: { unit: string; dim: number[]; rows: [JsonFloat, string][] }[];
  floatStr: [JsonFloat, string][];
  floatRepr: [JsonFloat, string][];
  dimensionStr: { dim: number[]; str: string; display: string }[];
  parseQuantity: {
    text: string;
    python: string;
    value: JsonFloat;
    dim: number[];
    str: string;
    registered: RegisteredUnit[];
  }[];
  parseUnit: {
    text: string;
    python: string;
    name: string;
    display: string;
    scale: number;
    dim: number[];
    registered: RegisteredUnit[];
  }[];
  scenarios: { title: string; steps: ScenarioStep[]; registered: RegisteredUnit[] }[];
  arithmetic: {
    op: 'mul' | 'div' | 'add' | 'sub' | 'pow' | 'neg' | 'abs';
    a: ValueAndDim;
    b: ValueAndDim | number | null;
    value: JsonFloat;
    dim: number[];
    str: string;
  }[];
  errors: {
    op: 'add' | 'sub' | 'lt' | 'le' | 'gt' | 'ge' | 'eq' | 'ne' | 'pow' | 'in';
    a: ValueAndDim;
    b: ValueAndDim | string;
    message: string;
  }[];
  directErrors: { description: string; dims: number[][]; message: string }[];
}

export const brian2: Brian2Fixture = JSON.parse(
  readFileSync(new URL('../fixtures/units/brian2_str.json', import.meta.url), 'utf8'),
);
