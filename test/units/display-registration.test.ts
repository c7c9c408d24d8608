// Brian2's str() of a quantity depends on which compound units were created
// before. These scenarios replay sequences recorded from Brian2.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  Dimension,
  formatDimension,
  formatQuantity,
  parseQuantity,
  parseUnit,
  Quantity,
  registeredDisplayUnits,
  resetDisplayUnits,
} from '../../src/units/index.ts';
import { brian2, decodeFloat } from './brian2-fixture.ts';

beforeEach(resetDisplayUnits);

describe('registered compound units change later output exactly as in Brian2', () => {
  it.each(brian2.scenarios.map((s) => [s.title, s] as const))('%s', (_, scenario) => {
    const transcript = scenario.steps.map((step) => {
      switch (step.op) {
        case 'str':
          return formatQuantity(new Quantity(decodeFloat(step.value), Dimension.of(step.dim)));
        case 'display':
          return formatDimension(Dimension.of(step.dim));
        case 'unit':
          return parseUnit(step.text).display;
        case 'quantity':
          return formatQuantity(parseQuantity(step.text));
      }
    });
    const expected = scenario.steps.map((step, i) => ('expect' in step ? step.expect : transcript[i]));
    expect(transcript).toEqual(expected);
    const state = registeredDisplayUnits()
      .filter((u) => !u.dim.isDimensionless)
      .map((u) => [u.name, u.dispname, u.scale]);
    expect(state).toEqual(scenario.registered);
  });

  it('the 4.4/mV example from the spec', () => {
    expect(String(parseQuantity('4.4/mV'))).toBe('4400. m^-2 kg^-1 s^3 A');
    parseUnit('1/mV');
    expect(String(parseQuantity('4.4/mV'))).toBe('4.4 mV^-1');
    resetDisplayUnits();
    expect(String(parseQuantity('4.4/mV'))).toBe('4400. m^-2 kg^-1 s^3 A');
  });
});
