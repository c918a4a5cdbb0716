// `trace --from pod/NAME|node/NAME|external --to IP:PORT|DNS-NAME:PORT [--proto tcp|udp|icmp]
// [--pick N] [--via NODE]`: the packet tracer over the simulation's nodes. The page calls
// traceInSimulation() for the same result as data.

import type { EndpointSlice, Service } from '../api/types.ts';
import { Rng } from '../api/rng.ts';
import type { Simulation } from '../simulation.ts';
import { trace, type TraceEnv, type TraceRequest } from '../proxy/trace/trace.ts';
import type { Proto, TraceResult } from '../proxy/trace/types.ts';
import { fail, type CommandResult } from './types.ts';

/** One tracer RNG per simulation, seeded from it, so a replayed session traces the same paths. */
const rngs = new WeakMap<Simulation, Rng>();

export function traceInSimulation(sim: Simulation, req: TraceRequest): TraceResult | string {
  let rng = rngs.get(sim);
  if (!rng) { rng = new Rng(sim.seed * 7919 + 17); rngs.set(sim, rng); }
  const r = rng;
  const env: TraceEnv = {
    nodes: [...sim.kubeProxies].map(([name, kp]) => kp.net(sim.kubelets.get(name)?.ipam.gateway)),
    pods: sim.pods(),
    services: sim.api.list<Service>('Service'),
    slices: sim.api.list<EndpointSlice>('EndpointSlice'),
    dnsDomain: sim.settings.dnsDomain,
    rng: () => r.next(),
    nowSeconds: Math.floor(sim.clock.now() / 1000),
  };
  return trace(env, req);
}

const USAGE = 'usage: trace --from pod/NAME|node/NAME|external --to IP:PORT|NAME:PORT [--proto tcp|udp|icmp] [--pick N] [--via NODE]';

export function traceCommand(sim: Simulation, args: string[]): CommandResult {
  const req: Partial<TraceRequest> = {};
  for (let i = 0; i < args.length; i++) {
    const [k, inline] = args[i]!.split('=', 2) as [string, string | undefined];
    const v = inline ?? args[++i];
    if (v === undefined) return fail(USAGE, 2);
    if (k === '--from') req.from = v;
    else if (k === '--to') req.to = v;
    else if (k === '--proto') {
      if (!['tcp', 'udp', 'sctp', 'icmp'].includes(v)) return fail(`trace: unknown protocol "${v}"\n${USAGE}`, 2);
      req.proto = v as Proto;
    } else if (k === '--pick') {
      if (!/^[1-9]\d*$/.test(v)) return fail(`trace: --pick takes an endpoint number from 1 (got "${v}")`, 2);
      req.pick = Number(v);
    } else if (k === '--via') req.via = v;
    else return fail(USAGE, 2);
  }
  if (!req.from || !req.to) return fail(USAGE, 2);
  const res = traceInSimulation(sim, req as TraceRequest);
  if (typeof res === 'string') return fail(`trace: ${res}`, 1);
  return { stdout: renderTrace(res), stderr: '', exitCode: res.outcome.kind === 'delivered' || res.outcome.kind === 'local' ? 0 : 1 };
}

export function renderTrace(t: TraceResult): string {
  const s = t.sent;
  const out = [`trace ${t.request.from} -> ${t.request.to} (${s.proto}${s.proto === 'icmp' ? '' : `, source port ${s.sport}`}) [simulated]`];
  for (const h of t.hops) {
    switch (h.kind) {
      case 'hook': out.push(`  ${h.text}`); break;
      case 'chain': case 'nat': case 'ipvs': case 'conntrack': out.push(`    ${h.text}`); break;
      case 'rule': case 'branch': out.push(`      #${h.rule!.index} ${h.text}`); break;
      case 'outcome': out.push(`result: ${h.text}`); break;
      default: out.push(`${h.node ? `[${h.node}] ` : ''}${h.text}`);
    }
  }
  if (t.probability < 1) out.push(`probability of this path: ${t.probability.toFixed(4)}`);
  return out.join('\n') + '\n';
}
