// Problems a schema-valid scenario can still have.
import { describe, expect, it } from 'vitest';
import { checkScenario, type Scenario, type ScenarioStep } from './scenario.js';

const base = (steps: ScenarioStep[]): Scenario => ({
  id: 's',
  name: 's',
  description: 's',
  models: { incident: 'x', sources: ['y'] },
  steps,
});
const network = (extra: Record<string, unknown>) =>
  ({ do: 'network', on: { ids: ['fw'] }, transport: 'tcp', count: 1, everyS: 60, ...extra }) as ScenarioStep['action'];

describe('checkScenario', () => {
  it('wants exactly one of dstIp, dstIps or to on a network action', () => {
    const steps: ScenarioStep[] = [
      { id: 'a', atS: 0, name: 'a', techniques: ['T0846'], action: network({ dstIp: '192.0.2.1', dstIps: ['192.0.2.2'] }) },
      { id: 'b', atS: 0, name: 'b', techniques: ['T0846'], action: network({}) },
      { id: 'c', atS: 0, name: 'c', techniques: ['T0846'], action: network({ dstIps: ['192.0.2.2'] }) },
    ];
    expect(checkScenario(base(steps)).map((p) => p.path)).toEqual(['/steps/0/action', '/steps/1/action']);
  });

  it('lets only a looks-normal step go without techniques, and never with expected detections', () => {
    const action = network({ dstIp: '192.0.2.1' });
    const problems = checkScenario(
      base([
        { id: 'a', atS: 0, name: 'a', techniques: [], action },
        { id: 'b', atS: 0, name: 'b', techniques: [], looksNormal: true, action },
        { id: 'c', atS: 0, name: 'c', techniques: [], looksNormal: true, detectedBy: ['x'], action },
      ]),
    );
    expect(problems.map((p) => p.path)).toEqual(['/steps/0/techniques', '/steps/2/detectedBy']);
  });
});
