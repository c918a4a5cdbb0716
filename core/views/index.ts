// The page's questions to the engine, answered from the live simulation.

import type { Simulation } from '../simulation.ts';
import { traceInSimulation } from '../shell/trace.ts';
import { explain } from './explain.ts';
import { nodeView } from './node.ts';
import { STEP_NAMES } from '../journey/journey.ts';
import type { ViewRequest, ViewResult } from './types.ts';

export type { ViewRequest, ViewResult } from './types.ts';

export function view(sim: Simulation, req: ViewRequest): ViewResult {
  switch (req.kind) {
    case 'node': {
      const node = nodeView(sim, req.name);
      return node ? { kind: 'node', node } : { kind: 'error', message: `nodes "${req.name}" not found` };
    }
    case 'explain': {
      const e = explain(sim, req.objectKind, req.namespace, req.name);
      return e ? { kind: 'explain', explain: e } : { kind: 'error', message: `${req.objectKind} "${req.name}" not found` };
    }
    case 'trace': {
      const t = traceInSimulation(sim, { from: req.from, to: req.to, ...(req.proto ? { proto: req.proto } : {}), ...(req.pick !== undefined ? { pick: req.pick } : {}) });
      return typeof t === 'string' ? { kind: 'error', message: t } : { kind: 'trace', trace: t };
    }
    case 'journey': {
      const j = sim.journeys.get(req.namespace, req.name);
      return j ? { kind: 'journey', journey: { pod: j.pod, steps: j.steps.map((s) => ({ ...s })), names: STEP_NAMES } }
        : { kind: 'error', message: `no journey recorded for pod "${req.name}"` };
    }
  }
}
