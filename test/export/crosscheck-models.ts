// Models that combine many features at once — rk4 with a 2-D TimedArray, STDP with
// event-driven variables and per-synapse delays, run_regularly, summed variables,
// heun, exponential Euler with a coupled conductance and a refractory condition —
// built in spikeforge, written as Brian2 scripts and run by Brian2
// (tools/brian2/export/make_crosscheck.ts); test/export/crosscheck.test.ts
// compares our runs with Brian2's recordings.
import { type Backend, EventMonitor, NeuronGroup, Synapses, SpikeGeneratorGroup, StateMonitor, SpikeMonitor, PopulationRateMonitor, TimedArray, Network, linkedVar, parseQuantity as q } from '../../src/index.ts';

/** How long each model runs. */
export const CROSSCHECK_DURATION = '60*ms';

export const CROSSCHECK_MODELS: Record<string, () => Network> = {
  adex_rk4_stdp: () => {
    const ns = { C: q('281*pF'), gL: q('30*nS'), EL: q('-70.6*mV'), VT: q('-50.4*mV'), DeltaT: q('2*mV'), tauw: q('144*ms'), a: q('4*nS'), b: q('0.0805*nA'), taupre: q('20*ms'), taupost: q('20*ms'), Apre: 0.01, Apost: -0.0105 };
    const I = new TimedArray([[0.5, 0.8, 1.0], [0.9, 0.2, 1.2], [0.0, 1.5, 0.7]], { dt: '20*ms', unit: q('1*nA'), name: 'I_ext' });
    const G = new NeuronGroup(3, `dvm/dt = (gL*(EL - vm) + gL*DeltaT*exp((vm - VT)/DeltaT) + I_ext(t, i) + Isyn - w)/C : volt
dw/dt = (a*(vm - EL) - w)/tauw : amp
Isyn : amp`, { threshold: 'vm > -40*mV', reset: 'vm = EL; w += b', method: 'rk4', namespace: { ...ns, I_ext: I }, name: 'G' });
    G.set('vm', '-70.6*mV + i*2*mV');
    const stim = new SpikeGeneratorGroup(2, [0, 1, 0, 1, 0], [q('5*ms'), q('7*ms'), q('21*ms'), q('33*ms'), q('44*ms')], { name: 'stim' });
    const S = new Synapses(stim, G, { model: `wsyn : 1
dapre/dt = -apre/taupre : 1 (event-driven)
dapost/dt = -apost/taupost : 1 (event-driven)`, on_pre: `Isyn += wsyn*0.3*nA
apre += Apre
wsyn = clip(wsyn + apost, 0, 1)`, on_post: `apost += Apost
wsyn = clip(wsyn + apre, 0, 1)`, namespace: ns, name: 'S' });
    S.connect();
    S.set('wsyn', '0.5 + 0.1*i - 0.05*j');
    S.set('delay', '1*ms + j*0.5*ms');
    G.runRegularly('Isyn = Isyn*0.5', { dt: '1*ms' });
    const M = new StateMonitor(G, ['vm', 'w', 'Isyn'], { record: true, name: 'statemon' });
    const MS = new StateMonitor(S, ['wsyn', 'apre'], { record: true, name: 'synmon' });
    return new Network(G, stim, S, M, MS, new SpikeMonitor(G, { name: 'spikemon' }));
  },
  summed_heun_subexpr: () => {
    const G = new NeuronGroup(4, `dv/dt = (I_gap + 1.2 - v)/(10*ms) + sin(2*pi*t/(7*ms))/(20*ms) : 1
I_gap : 1
I2 = I_gap**2 + v*0.1 : 1`, { threshold: 'v > 1', reset: 'v = 0', refractory: '3*ms', method: 'heun', name: 'G' });
    G.set('v', 'i*0.2');
    const S = new Synapses(G, G, { model: 'w : 1\nI_gap_post = w*(v_pre - v_post) : 1 (summed)', name: 'S' });
    S.connect({ condition: 'i != j' });
    S.set('w', '0.02*(i+1)');
    const M = new StateMonitor(G, ['v', 'I_gap', 'I2'], { record: true, name: 'statemon' });
    return new Network(G, S, M, new SpikeMonitor(G, { name: 'spikemon' }), new PopulationRateMonitor(G, { name: 'ratemon' }));
  },
  exp_euler_coupled: () => {
    const G = new NeuronGroup(3, `dv/dt = (-(v - E)*g + I)/(10*ms) : 1 (unless refractory)
dg/dt = -g/(5*ms) : 1
I = 2*(1 + i) : 1
E : 1 (constant)`, { threshold: 'v > 0.9', reset: 'v = -0.2; g += 0.5', refractory: 'v > 0.5 and g > 0.4', method: 'exponential_euler', name: 'G' });
    G.set('E', [0.1, 0.3, 0.5]);
    G.set('g', 1);
    const M = new StateMonitor(G, ['v', 'g'], { record: true, name: 'statemon' });
    return new Network(G, M, new SpikeMonitor(G, { name: 'spikemon' }));
  },
  pathways_generator_connect: () => {
    const src = new SpikeGeneratorGroup(5, [0, 1, 2, 3, 4, 2, 0], [q('2*ms'), q('4*ms'), q('6*ms'), q('8*ms'), q('10*ms'), q('25*ms'), q('30*ms')], { name: 'src' });
    const G = new NeuronGroup(6, `dv/dt = -v/(8*ms) : 1
du/dt = (v - u)/(15*ms) : 1
count_in : integer`, { threshold: 'v > 0.6', reset: 'v = 0; u += 0.1', method: 'euler', name: 'G' });
    const S = new Synapses(src, G, {
      model: 'w : 1\nlastpre : second',
      on_pre: { pre: 'v_post += w\ncount_in_post += 1\nlastpre = t', late: 'u_post -= 0.05*w' },
      on_post: 'w = clip(w*1.1, 0, 0.8)',
      delay: { late: '3*ms' },
      name: 'S',
    });
    S.connect({ j: 'k for k in range(i-1, i+3) if k != i', skip_if_invalid: true });
    S.set('w', '0.3 + 0.05*(i + j) % 0.2');
    S.set('delay', '(1 + (i*7 + j*3) % 4)*0.5*ms');
    const M = new StateMonitor(G, ['v', 'u', 'count_in'], { record: [0, 2, 5], name: 'statemon' });
    const MS = new StateMonitor(S, ['w', 'lastpre'], { record: [0, 3, 7], name: 'synmon' });
    return new Network(src, G, S, M, MS, new SpikeMonitor(G, { name: 'spikemon' }));
  },
  functions_rk2_exact: () => {
    const G = new NeuronGroup(4, `dv/dt = (floor(3*sin(2*pi*t/(9.4137*ms))) + 1.37*abs(x) - v)/(4.3*ms) + sign(y - 0.5)/(53*ms) : 1
dy/dt = (clip(v, -0.5, 0.5) - y)/(6*ms) : 1
x = v % 0.71 - (v // 0.29)*0.1 : 1
flag : boolean
k : integer (constant)`, { threshold: 'v > 0.8 and not flag', reset: 'v = -0.1*k; flag = k % 2 == 0', method: 'rk2', name: 'G' });
    G.set('k', [1, 2, 3, 4]);
    G.set('v', '0.2*k - 0.3');
    const H = new NeuronGroup(2, `dp/dt = (q - p)/(3*ms) : 1
dq/dt = (1 + i - 2*q + p*0.5)/(7*ms) : 1`, { method: 'exact', name: 'H' });
    H.set('p', [0.5, -0.5]);
    const M = new StateMonitor(G, ['v', 'y', 'x', 'flag'], { record: true, name: 'statemon' });
    const MH = new StateMonitor(H, ['p', 'q'], { record: true, name: 'hmon' });
    return new Network(G, H, M, MH, new SpikeMonitor(G, { name: 'spikemon' }));
  },
  subgroups_events_linked: () => {
    const ns = { tau: q('10*ms'), tau_s: q('3*ms') };
    // One-to-one: Brian2 2.5.1 cannot take subgroups of a group linked through an index array.
    const drive = new NeuronGroup(8, 'dz/dt = (1 + i % 2 - z)/(5*ms) : 1', { method: 'exact', name: 'drive' });
    const G = new NeuronGroup(8, `dv/dt = (z_in*1.3 - v + s)/tau : 1 (unless refractory)
ds/dt = -s/tau_s : 1
z_in : 1 (linked)
tau_ref : second (constant)
since = t - lastspike : second`, {
      threshold: 'v > 1', reset: 'v = 0', refractory: 'tau_ref', method: 'exact', namespace: ns, name: 'G',
      events: { high: 'v > 0.6 and s < 0.5' },
    });
    G.set('z_in', linkedVar(drive, 'z'));
    G.set('tau_ref', '(1 + i % 3)*ms');
    G.set('v', 'i/10');
    G.runOnEvent('high', 's += 0.05');
    const exc = G.subgroup(0, 4);
    const inh = G.subgroup(4, 8);
    const S = new Synapses(exc, inh, {
      model: `dx/dt = -x/(7*ms) : 1 (clock-driven)
w = 0.2 + 0.01*x : 1`,
      on_pre: 'x += 1\ns_post += w*x*3/N_incoming', method: 'exact', name: 'S',
    });
    S.connect({ condition: 'i != j', p: 1 });
    S.runRegularly('x = x*0.9', { dt: '2*ms' });
    const M = new StateMonitor(G, ['v', 's', 'since'], { record: [0, 3, 5], name: 'statemon' });
    const MS = new StateMonitor(inh, ['v', 'z_in'], { record: true, name: 'inhmon' });
    const MX = new StateMonitor(S, ['x', 'w'], { record: [0, 5], name: 'synmon' });
    return new Network(drive, G, S, M, MS, MX, new SpikeMonitor(G, { name: 'spikemon', variables: ['v', 's', 'since'] }), new EventMonitor(G, 'high', { name: 'highmon', variables: ['s'] }), new PopulationRateMonitor(inh, { name: 'ratemon' }));
  },
  clocks_functions_constant_over_dt: () => {
    const drive = new TimedArray(Array.from({ length: 170 }, (_, k) => [0.2, 1.4, 0.6, 2.2, 0.1, 3.1, 2.5][k % 7]!), { dt: '0.37*ms', unit: q('1.5*mV'), name: 'drive' });
    const F = new NeuronGroup(3, `dv/dt = (drive(t)*(1 + i) + g_syn*(E - v) - v + mV*tanh(v/mV)*0.2)/(3*ms) : volt
dg_syn/dt = -g_syn/(2*ms) : 1
E = -5*mV + 3*mV*int(i/2) : volt
gate = sqrt(1 + (v/mV)**2) + log(2 + arctan(v/mV)) : 1 (constant over dt)
n_spikes : integer`, { threshold: 'v > 1.5*mV + 0.1*mV*ceil(gate)', reset: 'v = -1*mV; n_spikes += 1', method: 'rk4', dt: '0.05*ms', namespace: { drive }, name: 'F' });
    const T = new NeuronGroup(4, `du/dt = (I_in - u)/(4*ms) + exprel(u - 0.5)/(100*ms) : 1
I_in : 1`, { threshold: 'u > 0.8', reset: 'u = 0.1', method: 'euler', name: 'T' });
    const S = new Synapses(F, T, { model: 'c : 1', on_pre: 'I_in_post += c', on_post: 'g_syn_pre += 0.3', delay: { post: '0.8*ms' }, name: 'S' });
    S.connect({ i: [0, 1, 2, 2, 0], j: [0, 1, 2, 3, 3] });
    S.set('c', '0.4 + 0.1*j');
    S.set('delay', '0.23*ms + i*0.31*ms');
    const MF = new StateMonitor(F, ['v', 'g_syn', 'gate', 'n_spikes'], { record: true, name: 'fmon', dt: '0.2*ms' });
    const MT = new StateMonitor(T, ['u', 'I_in'], { record: true, name: 'tmon' });
    return new Network(F, T, S, MF, MT, new SpikeMonitor(F, { name: 'fspikes' }), new SpikeMonitor(T, { name: 'tspikes' }));
  },
  two_runs_periodic_summed_subgroup: () => {
    const gen = new SpikeGeneratorGroup(3, [0, 1, 2, 1], [q('1*ms'), q('2.5*ms'), q('4*ms'), q('6.2*ms')], { period: q('9*ms'), name: 'gen' });
    const G = new NeuronGroup(6, `dv/dt = (I_syn - v)/tau : 1
I_syn : 1
hits : integer`, { threshold: 'v > 0.35', reset: 'v = 0; hits += 1', method: 'exact', namespace: { tau: q('6*ms') }, name: 'G' });
    const S = new Synapses(gen, G.subgroup(2, 6), {
      model: `dy/dt = -y/(4*ms) : 1 (clock-driven)
I_syn_post = y*w/N_outgoing : 1 (summed)
w : 1
k : integer`,
      on_pre: 'y += 1\nk += 1', method: 'exact', name: 'S',
    });
    S.connect({ p: 1 });
    S.set('w', '1.5 + 0.25*j - 0.1*i');
    const M = new StateMonitor(G, ['v', 'I_syn', 'hits'], { record: [1, 2, 4, 5], name: 'statemon' });
    const MS = new StateMonitor(S, ['y', 'k'], { record: [0, 4, 11], name: 'synmon' });
    return new Network(gen, G, S, M, MS, new SpikeMonitor(G, { name: 'spikemon' }), new SpikeMonitor(gen, { name: 'genmon' }));
  },
  multisynapse_pre_writes_monitor_slots: () => {
    const A = new NeuronGroup(6, `dv/dt = (1.2 + 0.1*i - v)/(5*ms) : 1
adapt : 1`, { threshold: 'v > 1 + adapt', reset: 'v = 0; adapt = clip(adapt + 0.2, 0, 0.5)', method: 'linear', name: 'A' });
    const B = new NeuronGroup(3, `dv/dt = -v/(10*ms) : 1
n_in : integer`, { threshold: 'n_in >= 3', reset: 'n_in = 0; v = 0', method: 'exact', name: 'B' });
    const S = new Synapses(A.subgroup(1, 6), B, {
      model: `dtr/dt = -tr/(5*ms) : 1 (event-driven)
c : 1`,
      on_pre: `v_post += c*(1 - tr)
tr += 0.5
n_in_post += 1
adapt_pre = adapt_pre*0.9`,
      name: 'S',
    });
    S.connect({ i: [0, 1, 2, 4, 4], j: [0, 1, 2, 2, 0], n: 2 });
    S.set('c', '0.1*(1 + i) + 0.05*j');
    const M = new StateMonitor(A, ['v', 'adapt'], { record: [1, 3, 5], when: 'end', name: 'amon' });
    const MB = new StateMonitor(B, ['v', 'n_in'], { record: true, name: 'bmon' });
    const MS = new StateMonitor(S, ['tr', 'lastupdate'], { record: [0, 1, 6, 9], name: 'synmon' });
    return new Network(A, B, S, M, MB, MS, new SpikeMonitor(A, { name: 'aspikes' }), new SpikeMonitor(B, { name: 'bspikes' }));
  },
  timedarray_in_synapses_time_conditions: () => {
    const gain = new TimedArray([1, 0.5, 2, 1.5, 0.25, 3], { dt: '10*ms', name: 'gain' });
    const P = new NeuronGroup(3, `dv/dt = (1.1 - v)/(3*ms + i*ms) : 1 (unless refractory)
last_isi : second`, { threshold: 't > 2*ms and v > 0.9', reset: 'last_isi = t - lastspike\nv = 0', refractory: '1.5*ms', method: 'heun', name: 'P' });
    const Q = new NeuronGroup(2, 'dw/dt = -w/(8*ms) : 1', { method: 'rk2', name: 'Q' });
    const S = new Synapses(P, Q, { on_pre: 'w_post += 0.1*gain(t)*(1 + int(i/2))', namespace: { gain }, name: 'S' });
    S.connect({ condition: '(i + j) % 2 == 0' });
    const M = new StateMonitor(P, ['v', 'last_isi', 'lastspike', 'not_refractory'], { record: true, name: 'pmon' });
    const MQ = new StateMonitor(Q, 'w', { record: true, name: 'qmon' });
    return new Network(P, Q, S, M, MQ, new SpikeMonitor(P, { name: 'pspikes' }));
  },
  shared_writes_in_run_regularly: () => {
    const G = new NeuronGroup(4, `dv/dt = (drive_all + 0.1*i - v)/(5*ms) : 1
drive_all : 1 (shared)
ticks : integer (shared)`, { threshold: 'v > 0.9', reset: 'v = 0', method: 'exact', name: 'G' });
    G.runRegularly(`ticks += 1
drive_all = 0.6 + 0.4*sin(ticks*0.7)
half = drive_all/2
v = v + 0.01*half*(1 + i)`, { dt: '1*ms' });
    const H = new NeuronGroup(2, 'dv/dt = -v/(10*ms) : 1', { method: 'exact', name: 'H' });
    const S = new Synapses(G, H, { model: 'w : 1\nscale : 1 (shared)', on_pre: 'v_post += w*scale', name: 'S' });
    S.connect();
    S.set('w', '0.2 + 0.1*i');
    S.set('scale', 1);
    S.runRegularly('scale = 0.5 + 0.5*sin(t/ms)\nw = w*0.9 + 0.05*scale*(1 + j)', { dt: '2*ms' });
    const M = new StateMonitor(G, ['v', 'drive_all', 'ticks'], { record: true, name: 'statemon' });
    const MS = new StateMonitor(S, ['w', 'scale'], { record: [0, 3, 7], name: 'synmon' });
    const MH = new StateMonitor(H, 'v', { record: true, name: 'hmon' });
    return new Network(G, H, S, M, MS, MH, new SpikeMonitor(G, { name: 'spikemon' }));
  },
  integer_boolean_arithmetic: () => {
    const G = new NeuronGroup(5, `k : integer
m : integer
b : boolean
dv/dt = (k % 3 - (k // 2)*0.5 + int(b) + abs(m)*0.1 - v)/(3*ms) : 1`, { threshold: 'v > 1.5 or (b and v > 0.8)', reset: 'v = -0.5*sign(m - 1)', method: 'euler', name: 'G' });
    G.set('k', 'i*5 - 7');
    G.runRegularly(`k = k - 1
m = k // -3 + clip(k, -2, 2)
b = (k % 4 == 0) or (m > 2 and not b)`, { dt: '1.5*ms' });
    const M = new StateMonitor(G, ['v', 'k', 'm', 'b'], { record: true, name: 'statemon' });
    return new Network(G, M, new SpikeMonitor(G, { name: 'spikemon' }));
  },
  synapse_clock_generator_dt: () => {
    const gen = new SpikeGeneratorGroup(2, [0, 1, 0, 1, 1], [q('0.6*ms'), q('1.2*ms'), q('7.2*ms'), q('9*ms'), q('30.6*ms')], { dt: '0.2*ms', name: 'gen' });
    const G = new NeuronGroup(3, `dv/dt = (g*(1 - v) - v)/(4*ms) : 1
g : 1`, { threshold: 'v > 0.3', reset: 'v = 0', method: 'rk4', dt: '0.2*ms', name: 'G' });
    const S = new Synapses(gen, G, {
      model: `dgs/dt = -gs/(3*ms) : 1 (clock-driven)
g_post = gs : 1 (summed)
w : 1`,
      on_pre: { pre: 'gs += w', back: 'w = w*0.8' },
      on_post: 'w = clip(w + 0.05, 0, 2)',
      delay: { pre: '0.4*ms', back: '1*ms' },
      method: 'euler', dt: '0.1*ms', name: 'S',
    });
    S.connect({ j: 'k for k in range(N_post) if k >= i' });
    S.set('w', '0.8 + 0.2*i + 0.1*j');
    const MS = new StateMonitor(S, ['gs', 'w'], { record: true, dt: '0.4*ms', name: 'synmon' });
    const M = new StateMonitor(G, ['v', 'g'], { record: true, name: 'statemon' });
    return new Network(gen, G, S, M, MS, new SpikeMonitor(G, { name: 'spikemon' }), new PopulationRateMonitor(G, { name: 'ratemon' }));
  },
};

/** Models whose run is more than one run of CROSSCHECK_DURATION: a change between two runs. */
const RUNS: Record<string, (net: Network, backend: Backend) => Promise<void>> = {
  two_runs_periodic_summed_subgroup: async (net, backend) => {
    await net.run('25*ms', { backend });
    const G = net.members.find((m) => m.name === 'G') as NeuronGroup;
    G.set('v', '0.1*i');
    const S = net.members.find((m) => m.name === 'S') as Synapses;
    S.set('w', 'w*0.5');
    await net.run('35*ms', { backend });
  },
};

/** Build a cross-check model and run it as Brian2's script does. */
export async function runCrosscheck(name: string, backend: Backend): Promise<Network> {
  const net = CROSSCHECK_MODELS[name]!();
  const run = RUNS[name];
  if (run) await run(net, backend);
  else await net.run(CROSSCHECK_DURATION, { backend });
  return net;
}
