import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Network, NeuronGroup, StateMonitor, exportModel, importModel, toBrian2Script, toMarkdown } from '../../src/index.ts';

// Brian2 2.5.1's recordings: tools/brian2/fixtures/make_subgroup_monitor_fixture.py
interface Recording {
  record: number[];
  [variable: string]: number[] | number[][];
}
const brian2 = JSON.parse(readFileSync(new URL('../fixtures/assignment/subgroup-monitor.json', import.meta.url), 'utf8')) as { t: number[]; monitors: Record<string, Recording> };

function build() {
  const G = new NeuronGroup(10, 'dv/dt = (drive - v)/(5*ms) : 1\ndrive = 0.3 + 0.1*i : 1\ntwice = 2*v + i : 1', { threshold: 'v > 0.9', reset: 'v = 0', method: 'exact', name: 'G' });
  const monitors = {
    all_: new StateMonitor(G.subgroup(3, 7), ['v', 'drive', 'twice'], { record: true, name: 'all_' }),
    some: new StateMonitor(G.subgroup(5, 10), 'v', { record: [0, 2, 4], name: 'some' }),
    one: new StateMonitor(G.subgroup(9, 10), 'v', { record: 0, name: 'one' }),
  };
  return { G, monitors, net: new Network(G, ...Object.values(monitors)) };
}

function expectLikeBrian2(monitors: Record<string, StateMonitor>): void {
  for (const [name, m] of Object.entries(monitors)) {
    const expected = brian2.monitors[name]!;
    expect(Array.from(m.indices), name).toEqual(expected.record);
    for (const v of m.variables) {
      const rows = expected[v] as number[][];
      expect(m.get(v).traces().length).toBe(rows.length);
      rows.forEach((row, k) => {
        const trace = m.get(v).trace(k);
        expect(trace.length).toBe(brian2.t.length);
        // Same float64 operations as Brian2: within 1e-9 relative.
        row.forEach((x, n) => expect(Math.abs(trace[n]! - x), `${name}.${v}[${k}] at step ${n}`).toBeLessThanOrEqual(1e-9 * Math.abs(x) + 1e-15));
      });
    }
  }
}

describe.each(['wasm', 'js'] as const)('StateMonitor of a subgroup (%s)', (backend) => {
  it('records the subgroup\'s neurons, with record counted from its start, as Brian2 does', async () => {
    const { net, monitors } = build();
    await net.run('3*ms', { backend });
    expectLikeBrian2(monitors);
  });
});

describe('StateMonitor of a subgroup', () => {
  it('rejects indices beyond the subgroup, naming it', () => {
    const G = new NeuronGroup(10, 'dv/dt = -v/(5*ms) : 1', { name: 'G' });
    expect(() => new StateMonitor(G.subgroup(3, 7), 'v', { record: [4] })).toThrow(/Cannot record element 4 of the subgroup \[3:7\] of 'G', which has 4 elements/);
  });

  it('travels through model files, Brian2 scripts and Markdown', async () => {
    const { net, monitors } = build();
    await net.run('3*ms', { backend: 'js' });
    const model = exportModel(net);
    const json = model.runs[0]!.components.statemonitor!;
    expect(json.map((m) => [m.name, m.source, m.record, m.n_indices]).sort()).toEqual([
      ['all_', { group: 'G', start: 3, stop: 6 }, true, 4],
      ['one', { group: 'G', start: 9, stop: 9 }, [0], 1],
      ['some', { group: 'G', start: 5, stop: 9 }, [0, 2, 4], 3],
    ]);
    expect(toBrian2Script(net)).toContain("StateMonitor(G[3:7], ['v', 'drive', 'twice'], record=True");
    expect(toMarkdown(net)).toMatch(/\*all_\* records .* of .*G.* \(all elements\)/);
    const imported = importModel(JSON.parse(JSON.stringify(model)));
    await imported.run();
    expect(exportModel(imported.network)).toEqual(model);
    expectLikeBrian2({ all_: imported.objects.all_ as StateMonitor, some: imported.objects.some as StateMonitor, one: imported.objects.one as StateMonitor });
    expect(monitors.all_.subgroup?.name).toBe('G_subgroup_3_7');
  });
});
