/**
 * The neuronal-dynamics exercises (a TypeScript port of neurodynex3, the
 * exercise code of Gerstner et al., Neuronal Dynamics, 2014), one namespace
 * per Python module. Platform-neutral: figures are returned, not saved
 * (save them with src/plot/node.ts in Node, or render them in a page).
 */
export * as inputFactory from './inputFactory.ts';
export * as neuronType from './neuronType.ts';
export * as leakyIntegrateAndFire from './leakyIntegrateAndFire.ts';
export * as exponentialIntegrateAndFire from './exponentialIntegrateAndFire.ts';
export * as adex from './adex.ts';
export * as hodgkinHuxley from './hodgkinHuxley.ts';
export * as phasePlane from './phasePlane.ts';
export * as spikeTools from './spikeTools.ts';
export * as plotTools from './plotTools.ts';
export * as brunel from './brunel.ts';
export * as decisionMaking from './decisionMaking.ts';
export * as workingMemory from './workingMemory.ts';
export { EXERCISES, type Exercise, type ExerciseOptions, type ExerciseResult } from './exercises.ts';
export type { QuantityInput } from './quantities.ts';
export type { SimulationOptions, SpikingResult } from './simulation.ts';
export type { NetworkSimulationOptions, PopulationMonitors } from './brunel.ts';
