// What an imported model remembers beyond its objects, so that exporting it
// again gives back the file: the runs it still plans, initializers the
// history cannot express (a subset of elements), and TimedArray names that
// are not valid spikeforge object names ("_timedarray").
import type { SimObject } from '../core/base.ts';
import type { HistoryEntry } from '../core/history.ts';
import type { Network } from '../core/network.ts';
import type { TimedArray } from '../core/timedarray.ts';
import type { InitializerConnectorJSON, InitializerJSON } from './format.ts';

export interface PlannedRun {
  /** Seconds. */
  duration: number;
  /** The objects in the network during this run. */
  members: SimObject[];
  /** Components made only once the initializers are applied (StateMonitors of synapses), as read until then. */
  pendingComponents: Array<{ kind: string; json: unknown }>;
  /** Its initializers and connect() calls, as read. */
  records: InitializerConnectorJSON[];
  /** Whether `records` have been applied to the objects. */
  applied: boolean;
}

export interface ImportPlan {
  runs: PlannedRun[];
}

export const importPlans = new WeakMap<Network, ImportPlan>();
export const importedIndexRecords = new WeakMap<HistoryEntry, InitializerJSON>();
export const importedTimedArrayNames = new WeakMap<TimedArray, string>();
