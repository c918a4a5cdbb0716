// kube-proxy's high-volume rules (per endpoint, and each service port's entry rule) as
// specs that keep only their fields: a sync builds no text for them; the restore text and
// the iptables-save text are rendered from the same fields when someone reads them. The
// save forms are canonical.ts's output for these shapes (asserted by tests/unit/proxy/specs).
// Fields are `declare`d and assigned (see RuleSpec).
import { saveString } from './canonical.ts';
import { RuleSpec } from './netfilter.ts';

/** A comment argument as kube-proxy writes it: quoted when it has spaces. */
export const quote = (s: string): string => (s.includes(' ') ? `"${s}"` : s);
const comment = (c: string | undefined): string => (c === undefined ? '' : ` -m comment --comment ${quote(c)}`);
const savedComment = (c: string | undefined): string => (c === undefined ? '' : ` -m comment --comment ${saveString(c)}`);

const probabilities = new Map<string, string>();
/** The kernel keeps a probability as a 31-bit fraction; iptables prints it back with 11 decimals. */
function savedProbability(p: string): string {
  let s = probabilities.get(p);
  if (s === undefined) { s = (Math.round(0x80000000 * parseFloat(p)) / 0x80000000).toFixed(11); probabilities.set(p, s); }
  return s;
}

/** A jump to one endpoint's chain, commented `NAME -> IP:PORT` (no comment in large-cluster mode: spn undefined). */
abstract class ToEndpoint extends RuleSpec {
  declare private readonly spn: string | undefined;
  declare private readonly endpoint: string;
  constructor(chain: string, sep: string, spn: string | undefined, endpoint: string) {
    super(chain, undefined, sep);
    this.spn = spn; this.endpoint = endpoint;
  }
  protected get note(): string | undefined {
    return this.spn === undefined ? undefined : `${this.spn} -> ${this.endpoint}`;
  }
}

/** `-A SVC [comment] [-m statistic --mode random --probability P] -j SEP`. */
export class EndpointJump extends ToEndpoint {
  declare private readonly probability: string;
  constructor(chain: string, sep: string, spn: string | undefined, endpoint: string, probability: string) {
    super(chain, sep, spn, endpoint);
    this.probability = probability;
  }
  override get line(): string {
    const stat = this.probability ? ` -m statistic --mode random --probability ${this.probability}` : '';
    return `-A ${this.chain}${comment(this.note)}${stat} -j ${this.target}`;
  }
  override save(): string {
    const stat = this.probability ? ` -m statistic --mode random --probability ${savedProbability(this.probability)}` : '';
    return `-A ${this.chain}${savedComment(this.note)}${stat} -j ${this.target}`;
  }
}

/** `-A SVC [comment] -m recent --name SEP --rcheck --seconds T --reap -j SEP`: ClientIP affinity. */
export class AffinityJump extends ToEndpoint {
  declare private readonly seconds: number;
  constructor(chain: string, sep: string, spn: string | undefined, endpoint: string, seconds: number) {
    super(chain, sep, spn, endpoint);
    this.seconds = seconds;
  }
  override get line(): string {
    return `-A ${this.chain}${comment(this.note)} -m recent --name ${this.target} --rcheck --seconds ${this.seconds} --reap -j ${this.target}`;
  }
  override save(v6: boolean): string {
    if (v6) return super.save(v6);
    return `-A ${this.chain}${savedComment(this.note)} -m recent --rcheck --seconds ${this.seconds} --reap --name ${this.target} --mask 255.255.255.255 --rsource -j ${this.target}`;
  }
}

/** `-A SEP [comment] -s IP -j KUBE-MARK-MASQ`: hairpin traffic is masqueraded. */
export class EndpointMasq extends RuleSpec {
  declare private readonly note: string | undefined;
  declare private readonly ip: string;
  constructor(chain: string, note: string | undefined, ip: string) {
    super(chain, undefined, 'KUBE-MARK-MASQ');
    this.note = note; this.ip = ip;
  }
  override get line(): string {
    return `-A ${this.chain}${comment(this.note)} -s ${this.ip} -j KUBE-MARK-MASQ`;
  }
  override save(v6: boolean): string {
    return `-A ${this.chain} -s ${this.ip}/${v6 ? 128 : 32}${savedComment(this.note)} -j KUBE-MARK-MASQ`;
  }
}

/** `-A SEP [comment] [-m recent --name SEP --set] -m P -p P -j DNAT --to-destination EP`. */
export class EndpointDNAT extends RuleSpec {
  declare private readonly note: string | undefined;
  declare private readonly affinity: boolean;
  declare private readonly proto: string;
  declare private readonly endpoint: string;
  constructor(chain: string, note: string | undefined, affinity: boolean, proto: string, endpoint: string) {
    super(chain, undefined, 'DNAT');
    this.note = note; this.affinity = affinity; this.proto = proto; this.endpoint = endpoint;
  }
  override get line(): string {
    const recent = this.affinity ? ` -m recent --name ${this.chain} --set` : '';
    return `-A ${this.chain}${comment(this.note)}${recent} -m ${this.proto} -p ${this.proto} -j DNAT --to-destination ${this.endpoint}`;
  }
  override save(v6: boolean): string {
    if (v6 && this.affinity) return super.save(v6);
    const recent = this.affinity ? ` -m recent --set --name ${this.chain} --mask 255.255.255.255 --rsource` : '';
    return `-A ${this.chain} -p ${this.proto}${savedComment(this.note)}${recent} -m ${this.proto} -j DNAT --to-destination ${this.endpoint}`;
  }
}

/** `-A CHAIN -m comment --comment C -m P -p P -d IP --dport N -j TARGET`: a service's entry rule (target a chain). */
export class Portal extends RuleSpec {
  declare private readonly note: string;
  declare private readonly proto: string;
  declare private readonly ip: string;
  declare private readonly port: number;
  constructor(chain: string, target: string, note: string, proto: string, ip: string, port: number) {
    super(chain, undefined, target);
    this.note = note; this.proto = proto; this.ip = ip; this.port = port;
  }
  override get line(): string {
    return `-A ${this.chain}${comment(this.note)} -m ${this.proto} -p ${this.proto} -d ${this.ip} --dport ${this.port} -j ${this.target}`;
  }
  override save(v6: boolean): string {
    return `-A ${this.chain} -d ${this.ip}/${v6 ? 128 : 32} -p ${this.proto}${savedComment(this.note)} -m ${this.proto} --dport ${this.port} -j ${this.target}`;
  }
}

/** `-A SVC -m comment --comment "NAME cluster IP" -m P -p P -d IP --dport N [! -s CIDR] -j KUBE-MARK-MASQ`: off-cluster (or all, with masqueradeAll) traffic to a cluster IP is masqueraded. Its save form comes from canonical.ts (one per service port). */
export class ClusterMasq extends RuleSpec {
  declare private readonly spn: string;
  declare private readonly proto: string;
  declare private readonly ip: string;
  declare private readonly port: number;
  declare private readonly ifNotLocal: string | undefined;
  constructor(chain: string, spn: string, proto: string, ip: string, port: number, ifNotLocal: string | undefined) {
    super(chain, undefined, 'KUBE-MARK-MASQ');
    this.spn = spn; this.proto = proto; this.ip = ip; this.port = port; this.ifNotLocal = ifNotLocal;
  }
  override get line(): string {
    const local = this.ifNotLocal === undefined ? '' : ' ' + this.ifNotLocal;
    return `-A ${this.chain} -m comment --comment "${this.spn} cluster IP" -m ${this.proto} -p ${this.proto} -d ${this.ip} --dport ${this.port}${local} -j KUBE-MARK-MASQ`;
  }
}
