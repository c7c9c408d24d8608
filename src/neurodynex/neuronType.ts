/**
 * Type I and type II neuron models (neurodynex3.neuron_type.neurons) and the
 * quiz that hides them behind the names NeuronX and NeuronY.
 *
 * Each neuron owns its group, a StateMonitor of v, w and I, and a Network
 * stored right after construction; `run` goes back to that state and
 * simulates with a new input current, so one object serves many probes
 * (and, with the WASM backend, one compiled kernel serves them all).
 */
import { Network, NeuronGroup, parseQuantity, StateMonitor, type Backend, type RunOptions, type TimedArray } from '../index.ts';
import { COLORS, stackedPanels, type Figure } from '../plot/index.ts';
import { MersenneTwister } from './mt19937.ts';
import { of, quantity, type QuantityInput } from './quantities.ts';
import { modelCurrent, modelName } from './simulation.ts';
import { endOf, timesMs, traceIn } from './traces.ts';

export type NeuronTypeName = 'Type I' | 'Type II';

export interface NeuronOptions {
  /** Code generation target of every run (default: spikeforge's default, WebAssembly). */
  backend?: Backend;
}

/** Options of one run, passed on to Network.run (e.g. a progress report). */
export type NeuronRunOptions = Pick<RunOptions, 'report' | 'reportPeriod'>;

/** A neuron with its own recorder and network, runnable again and again with different currents. */
export abstract class NeuronAbstract {
  readonly neuron: NeuronGroup;
  /** Records v, w and I of the neuron at every time step. */
  readonly rec: StateMonitor;
  readonly net: Network;
  private readonly backend: Backend | undefined;

  constructor(options: NeuronOptions = {}) {
    // Named after the class (NeuronX, not its type), so that all runs of all instances share one kernel.
    this.neuron = this.makeNeuron(modelName(this.constructor.name));
    this.rec = new StateMonitor(this.neuron, ['v', 'w', 'I'], { record: true, name: `${this.neuron.name}_rec` });
    this.net = new Network(this.neuron, this.rec);
    this.net.store();
    this.backend = options.backend;
  }

  /** Build the group called `name`; its equations read the current as `input_current(t, i)`. */
  protected abstract makeNeuron(name: string): NeuronGroup;

  /** "Type I" or "Type II": the answer to the quiz. */
  abstract getNeuronType(): NeuronTypeName;

  /**
   * Simulate `simtime` from the initial state with `inputCurrent` injected;
   * returns the monitor (its recording holds this run only).
   */
  async run(inputCurrent: TimedArray, simtime: QuantityInput, options: NeuronRunOptions = {}): Promise<StateMonitor> {
    this.net.restore();
    await this.net.run(quantity(simtime, 'second', 'simtime'), {
      ...options,
      namespace: { input_current: modelCurrent(inputCurrent, this.neuron.name) },
      ...(this.backend ? { backend: this.backend } : {}),
    });
    return this.rec;
  }
}

/** The type I model of Neuronal Dynamics ch. 4.4 (a Morris–Lecar-like model): v in mV, w in mV. */
function typeOneGroup(name: string): NeuronGroup {
  const group = new NeuronGroup(
    1,
    `
    I = input_current(t,i) : amp
    winf = (0.5*mV)*( 1 + tanh((v-12*mV)/(17*mV)) ) : volt
    tau = (1*ms)/cosh((v-12*mV)/(2*17*mV)) : second
    m = (0.5*mV)*(1+tanh((v+1.2*mV)/(18*mV))) : volt
    dv/dt = (-g_1*m*(v-V_1) - g_2*w*(v-V_2) - g_L*(v-V_L) + I*R)/(20*ms) : volt
    dw/dt = phi*(winf-w)/tau : volt
    `,
    {
      method: 'euler',
      namespace: {
        g_1: parseQuantity('4.4/mV'),
        g_2: parseQuantity('8/mV'),
        g_L: 2,
        V_1: of(120, 'mV'),
        V_2: of(-84, 'mV'),
        V_L: of(-60, 'mV'),
        phi: 0.06666667,
        R: of(100, 'Gohm'),
      },
      name,
    },
  );
  group.set('v', of(-60, 'mV'));
  return group;
}

/** The type II model: FitzHugh–Nagumo with v and w in mV, driven through 1 GΩ. */
function typeTwoGroup(name: string): NeuronGroup {
  const group = new NeuronGroup(
    1,
    `
    I = input_current(t,i) : amp
    dv/dt = (v - (v**3)/(3*mvolt*mvolt) - w + I*Gohm)/ms : volt
    dw/dt = (a*(v+0.7*mvolt)-w)/tau : volt
    `,
    { method: 'euler', namespace: { a: 1.25, tau: of(15.6, 'ms') }, name },
  );
  group.set('v', of(0, 'mV'));
  return group;
}

export class NeuronTypeOne extends NeuronAbstract {
  protected makeNeuron(name: string): NeuronGroup {
    return typeOneGroup(name);
  }
  getNeuronType(): NeuronTypeName {
    return 'Type I';
  }
}

export class NeuronTypeTwo extends NeuronAbstract {
  protected makeNeuron(name: string): NeuronGroup {
    return typeTwoGroup(name);
  }
  getNeuronType(): NeuronTypeName {
    return 'Type II';
  }
}

/** A neuron class of the quiz: constructible, type hidden until getNeuronType() is called. */
export type NeuronClass = new (options?: NeuronOptions) => NeuronAbstract;

/**
 * A class called `name` with the model of `type` that is, like Python's
 * copied classes, not a subclass of NeuronTypeOne/Two (instanceof does not give the answer away).
 */
function disguised(name: string, type: NeuronTypeName): NeuronClass {
  const makeGroup = type === 'Type I' ? typeOneGroup : typeTwoGroup;
  const cls = class extends NeuronAbstract {
    protected makeNeuron(groupName: string): NeuronGroup {
      return makeGroup(groupName);
    }
    getNeuronType(): NeuronTypeName {
      return type;
    }
  };
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

/** The quiz's classes; reassigned by neurontypeRandomReassignment(). */
export let NeuronX: NeuronClass;
export let NeuronY: NeuronClass;

/**
 * Hide type I and type II behind NeuronX and NeuronY at random (each has a
 * 50 % chance to be type I). With a seed the draw is Python's
 * `random.seed(seed); random.random() < .5`, so seeds give the same
 * assignment as in neurodynex3. Updates the exported NeuronX/NeuronY and returns them.
 */
export function neurontypeRandomReassignment(seed?: number): { NeuronX: NeuronClass; NeuronY: NeuronClass } {
  const draw = seed === undefined ? Math.random() : MersenneTwister.python(seed).random();
  const xIsTypeOne = draw < 0.5;
  NeuronX = disguised('NeuronX', xIsTypeOne ? 'Type I' : 'Type II');
  NeuronY = disguised('NeuronY', xIsTypeOne ? 'Type II' : 'Type I');
  return { NeuronX, NeuronY };
}

// As in neurodynex3, the types are shuffled when the module is loaded.
neurontypeRandomReassignment();

/**
 * The three panels of neurodynex3's plot_data: v [mV], w [mV] and the input
 * current I [pA] over t [ms], of the first recorded neuron.
 */
export function plotData(stateMonitor: StateMonitor, options: { title?: string; subtitle?: string } = {}): Figure {
  const t = timesMs(stateMonitor);
  const I = traceIn(stateMonitor, 'I', 'pA');
  const iMax = Math.max(0, ...I);
  const iMin = Math.min(0, ...I);
  return stackedPanels({
    title: options.title ?? 'Neuron response',
    ...(options.subtitle ? { subtitle: options.subtitle } : {}),
    x: { title: 't', unit: 'ms', domain: [0, endOf(t)] },
    panels: [
      { y: { title: 'v', unit: 'mV' }, series: [{ x: t, y: traceIn(stateMonitor, 'v', 'mV'), color: COLORS.blue, width: 2 }] },
      { y: { title: 'w', unit: 'mV' }, series: [{ x: t, y: traceIn(stateMonitor, 'w', 'mV'), color: COLORS.black, width: 2 }] },
      // As the original: the current axis from 0 (or below) to 10 % above the largest current.
      { y: { title: 'I', unit: 'pA', domain: iMax > iMin ? [iMin * 1.1, iMax * 1.1] : [-1, 1] }, series: [{ x: t, y: I, color: COLORS.red, width: 2 }] },
    ],
  });
}
