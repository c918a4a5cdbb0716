// A first pass of kube-apiserver's validation, with its wording:
//   The Pod "web" is invalid: spec.containers[0].image: Required value
// Each problem carries the field path so the editor can point at the line.

import type { KObject, Container, PodSpec, ServicePort } from './types.ts';
import { isQuantity } from './quantity.ts';
import { matchesSelector } from './labels.ts';
import type { LabelSelector } from './types.ts';

export interface FieldError {
  path: string;
  /** The text after "path: ", e.g. `Required value` or `Invalid value: "x": must be ...`. */
  detail: string;
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

const req = (path: string): FieldError => ({ path, detail: 'Required value' });
const invalid = (path: string, value: unknown, why: string): FieldError => ({
  path, detail: `Invalid value: ${typeof value === 'string' ? goQuote(value) : JSON.stringify(value)}: ${why}`,
});

/**
 * Go's %q (strconv.Quote), which field errors use for string values: printable text as it is,
 * control and invisible characters escaped — so a right-to-left override or a NUL in a name is
 * shown, not obeyed.
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const named = ({ 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 34: '\\"', 92: '\\\\' } as Record<number, string>)[c];
    if (named) out += named;
    else if (c < 0x80 && (c < 0x20 || c === 0x7f)) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (ch === ' ' || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch)) out += ch;
    else out += c > 0xffff ? `\\U${c.toString(16).padStart(8, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
  }
  return out + '"';
}

/** IsDNS1123Subdomain's messages (both, when both apply, as upstream). */
function subdomainErrors(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(v))
    errs.push("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
  return errs;
}

function subdomain(path: string, v: string, out: FieldError[]): void {
  for (const m of subdomainErrors(v)) out.push(invalid(path, v, m));
}

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

function label1035(path: string, v: string, out: FieldError[]): void {
  if (v.length > 63) out.push(invalid(path, v, 'must be no more than 63 characters'));
  else if (!DNS1035_LABEL.test(v))
    out.push(invalid(path, v, "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"));
}

function label1123(path: string, v: string, out: FieldError[]): void {
  if (v.length > 63 || !DNS1123_LABEL.test(v))
    out.push(invalid(path, v, "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"));
}

function validateMeta(o: KObject, out: FieldError[], nameRule: 'subdomain' | 'label' | 'dns1035' | boolean = 'subdomain'): void {
  const dnsLabelName = nameRule === true || nameRule === 'label';
  const md = o.metadata as KObject['metadata'] | undefined;
  if (!md || typeof md !== 'object') {
    out.push(req('metadata'));
    return;
  }
  if (!md.name && !md.generateName) out.push({ path: 'metadata.name', detail: 'Required value: name or generateName is required' });
  else if (md.name) {
    if (typeof md.name !== 'string') out.push(invalid('metadata.name', md.name, 'must be a string'));
    else if (nameRule === 'dns1035') label1035('metadata.name', md.name, out);
    else if (dnsLabelName) label1123('metadata.name', md.name, out);
    else subdomain('metadata.name', md.name, out);
  }
  for (const [k, v] of Object.entries(md.labels ?? {})) {
    qualifiedName('metadata.labels', k, k, out);
    if (typeof v !== 'string') out.push(invalid(`metadata.labels`, v, 'label values must be strings'));
    else {
      if (v.length > 63) out.push(invalid('metadata.labels', v, 'must be no more than 63 characters'));
      if (!LABEL_VALUE.test(v))
        out.push(invalid(`metadata.labels`, v, "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"));
    }
  }
  validateAnnotations(md.annotations, out);
}

const QUALIFIED = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

/** apimachinery's IsQualifiedName (label and annotation keys): an optional DNS prefix, '/', a name. */
function qualifiedName(path: string, shown: string, key: string, out: FieldError[]): void {
  const parts = key.split('/');
  if (parts.length > 2) {
    out.push(invalid(path, shown, `a qualified name ${QUALIFIED} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`));
    return;
  }
  const name = parts.at(-1)!;
  if (parts.length === 2) {
    const prefix = parts[0]!;
    if (!prefix) out.push(invalid(path, shown, 'prefix part must be non-empty'));
    else for (const m of subdomainErrors(prefix)) out.push(invalid(path, shown, `prefix part ${m}`));
  }
  if (!name) out.push(invalid(path, shown, 'name part must be non-empty'));
  else if (name.length > 63) out.push(invalid(path, shown, 'name part must be no more than 63 characters'));
  if (!/^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/.test(name)) out.push(invalid(path, shown, `name part ${QUALIFIED}`));
}

/** Bytes of the annotations, keys and values (apimachinery's TotalAnnotationSizeLimitB). */
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

/** UTF-8 length (Go's len of a string), without TextEncoder: core runs without DOM globals. */
function utf8Bytes(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

function validateAnnotations(annotations: unknown, out: FieldError[]): void {
  if (!annotations || typeof annotations !== 'object') return;
  let bytes = 0;
  for (const [k, v] of Object.entries(annotations)) {
    // Keys are case-insensitive: checked in lower case, shown as written.
    qualifiedName('metadata.annotations', k, k.toLowerCase(), out);
    if (typeof v !== 'string') out.push(invalid('metadata.annotations', v, 'annotation values must be strings'));
    bytes += utf8Bytes(k) + utf8Bytes(String(v));
  }
  // field.TooLong(fldPath, "", TotalAnnotationSizeLimitB): the value is not printed.
  if (bytes > ANNOTATIONS_MAX_BYTES) out.push({ path: 'metadata.annotations', detail: `Too long: may not be more than ${ANNOTATIONS_MAX_BYTES} bytes` });
}

function validateContainer(c: Container, path: string, out: FieldError[], names: Set<string>): void {
  if (!c || typeof c !== 'object') {
    out.push(req(path));
    return;
  }
  if (!c.name) out.push(req(`${path}.name`));
  else {
    label1123(`${path}.name`, String(c.name), out);
    if (names.has(c.name)) out.push({ path: `${path}.name`, detail: `Duplicate value: ${JSON.stringify(c.name)}` });
    names.add(c.name);
  }
  if (!c.image || typeof c.image !== 'string' || !c.image.trim()) out.push(req(`${path}.image`));
  (c.ports ?? []).forEach((p, i) => {
    const pp = `${path}.ports[${i}]`;
    if (typeof p.containerPort !== 'number' || p.containerPort < 1 || p.containerPort > 65535 || !Number.isInteger(p.containerPort))
      out.push(p.containerPort === undefined ? req(`${pp}.containerPort`) : invalid(`${pp}.containerPort`, p.containerPort, 'must be between 1 and 65535, inclusive'));
    if (p.protocol && !['TCP', 'UDP', 'SCTP'].includes(p.protocol))
      out.push({ path: `${pp}.protocol`, detail: `Unsupported value: ${JSON.stringify(p.protocol)}: supported values: "SCTP", "TCP", "UDP"` });
  });
  for (const kind of ['requests', 'limits'] as const) {
    for (const [r, q] of Object.entries(c.resources?.[kind] ?? {})) {
      if (!isQuantity(q)) out.push(invalid(`${path}.resources.${kind}[${r}]`, q, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
    }
  }
  if (!['Always', 'IfNotPresent', 'Never', undefined].includes(c.imagePullPolicy))
    out.push({ path: `${path}.imagePullPolicy`, detail: `Unsupported value: ${JSON.stringify(c.imagePullPolicy)}: supported values: "Always", "IfNotPresent", "Never"` });
}

export function validatePodSpec(spec: PodSpec | undefined, path: string, out: FieldError[]): void {
  if (!spec || typeof spec !== 'object') {
    out.push(req(path));
    return;
  }
  const names = new Set<string>();
  if (!Array.isArray(spec.containers) || spec.containers.length === 0) out.push(req(`${path}.containers`));
  else spec.containers.forEach((c, i) => validateContainer(c, `${path}.containers[${i}]`, out, names));
  (Array.isArray(spec.initContainers) ? spec.initContainers : []).forEach((c, i) => validateContainer(c, `${path}.initContainers[${i}]`, out, names));
  if (spec.restartPolicy && !['Always', 'OnFailure', 'Never'].includes(spec.restartPolicy))
    out.push({ path: `${path}.restartPolicy`, detail: `Unsupported value: ${JSON.stringify(spec.restartPolicy)}: supported values: "Always", "Never", "OnFailure"` });
}

function validateSelectorTemplate(o: KObject, out: FieldError[]): void {
  const spec = o.spec as { selector?: LabelSelector; template?: { metadata?: { labels?: Record<string, string> }; spec?: PodSpec }; replicas?: unknown } | undefined;
  if (!spec) return void out.push(req('spec'));
  if (!spec.selector) out.push(req('spec.selector'));
  if (spec.replicas !== undefined && (typeof spec.replicas !== 'number' || spec.replicas < 0 || !Number.isInteger(spec.replicas)))
    out.push(invalid('spec.replicas', spec.replicas, 'must be greater than or equal to 0'));
  if (!spec.template) return void out.push(req('spec.template'));
  const labels = spec.template.metadata?.labels;
  if (spec.selector && !matchesSelector(spec.selector, labels))
    out.push({ path: 'spec.template.metadata.labels', detail: `Invalid value: ${goMap(labels)}: \`selector\` does not match template \`labels\`` });
  validatePodSpec(spec.template.spec, 'spec.template.spec', out);
  const rp = spec.template.spec?.restartPolicy;
  if (rp && rp !== 'Always' && o.kind !== 'Job')
    out.push({ path: 'spec.template.spec.restartPolicy', detail: `Unsupported value: ${JSON.stringify(rp)}: supported values: "Always"` });
}

function validateJob(o: KObject, out: FieldError[]): void {
  const spec = o.spec as { template?: { spec?: PodSpec }; parallelism?: unknown; completions?: unknown; backoffLimit?: unknown } | undefined;
  if (!spec) return void out.push(req('spec'));
  if (!spec.template) return void out.push(req('spec.template'));
  validatePodSpec(spec.template.spec, 'spec.template.spec', out);
  // Defaults come first on a real server, so a missing restartPolicy is reported as "Always".
  const rp = spec.template.spec?.restartPolicy ?? 'Always';
  if (rp !== 'OnFailure' && rp !== 'Never')
    out.push({ path: 'spec.template.spec.restartPolicy', detail: `Unsupported value: ${JSON.stringify(rp)}: supported values: "OnFailure", "Never"` });
  for (const f of ['parallelism', 'completions', 'backoffLimit'] as const) {
    const v = spec[f];
    if (v !== undefined && v !== null && (typeof v !== 'number' || v < 0)) out.push(invalid(`spec.${f}`, v, 'must be greater than or equal to 0'));
  }
}

const goMap = (m: Record<string, string> | undefined): string =>
  `map[string]string{${Object.entries(m ?? {}).sort().map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(', ')}}`;

function validateServicePorts(ports: ServicePort[] | undefined, type: string, out: FieldError[]): void {
  if (type === 'ExternalName') return;
  if (!Array.isArray(ports) || ports.length === 0) return void out.push(req('spec.ports'));
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const pp = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) out.push(req(`${pp}.name`));
    if (p.name) {
      if (names.has(p.name)) out.push({ path: `${pp}.name`, detail: `Duplicate value: ${JSON.stringify(p.name)}` });
      names.add(p.name);
    }
    if (typeof p.port !== 'number' || p.port < 1 || p.port > 65535) out.push(p.port === undefined ? req(`${pp}.port`) : invalid(`${pp}.port`, p.port, 'must be between 1 and 65535, inclusive'));
    if (p.protocol && !['TCP', 'UDP', 'SCTP'].includes(p.protocol))
      out.push({ path: `${pp}.protocol`, detail: `Unsupported value: ${JSON.stringify(p.protocol)}: supported values: "SCTP", "TCP", "UDP"` });
    if (p.nodePort !== undefined && (p.nodePort < 30000 || p.nodePort > 32767))
      out.push(invalid(`${pp}.nodePort`, p.nodePort, 'provided port is not in the valid range. The range of valid ports is 30000-32767'));
  });
}

/** Validates an object on create/update. An empty list means the API server accepts it. */
export function validate(o: KObject): FieldError[] {
  const out: FieldError[] = [];
  switch (o.kind) {
    case 'Pod':
      validateMeta(o, out);
      validatePodSpec(o.spec as PodSpec, 'spec', out);
      break;
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'StatefulSet':
      validateMeta(o, out);
      validateSelectorTemplate(o, out);
      break;
    case 'Job':
      validateMeta(o, out);
      validateJob(o, out);
      break;
    case 'Service': {
      validateMeta(o, out, 'dns1035');
      const spec = (o.spec ?? {}) as { type?: string; ports?: ServicePort[] };
      const type = spec.type ?? 'ClusterIP';
      if (!['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(type))
        out.push({ path: 'spec.type', detail: `Unsupported value: ${JSON.stringify(type)}: supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"` });
      validateServicePorts(spec.ports, type, out);
      break;
    }
    case 'Namespace':
      validateMeta(o, out, true);
      break;
    default:
      validateMeta(o, out);
  }
  return out;
}

/** kube-apiserver's StatusError text for an invalid object. */
export function invalidMessage(o: KObject, errs: FieldError[]): string {
  const name = o.metadata?.name ?? '';
  const list = errs.map((e) => `${e.path}: ${e.detail}`);
  return `The ${o.kind} ${goQuote(String(name))} is invalid: ${list.length === 1 ? list[0] : `[${list.join(', ')}]`}`;
}

/** What ValidatePodUpdate lets change (pkg/apis/core/validation/validation.go). */
const POD_UPDATABLE =
  '`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

const WORKLOADS = new Set(['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet']);

/**
 * Update rules that depend on the stored object: a pod's spec is immutable except images,
 * tolerations added and activeDeadlineSeconds; a workload's selector is immutable. The
 * scheduler's binding (nodeName) is carried over. Returns the error, or undefined.
 */
export function immutableChange(next: KObject, old: KObject): FieldError | undefined {
  if (next.kind === 'Pod') {
    const ns = next.spec as PodSpec;
    const os = old.spec as PodSpec;
    if (os.nodeName && !ns.nodeName) ns.nodeName = os.nodeName;
    const strip = (s: PodSpec) => {
      const c = JSON.parse(JSON.stringify(s)) as PodSpec;
      for (const x of [...(c.containers ?? []), ...(c.initContainers ?? [])]) x.image = '';
      delete c.activeDeadlineSeconds;
      const tol = JSON.stringify(os.tolerations ?? []);
      // Tolerations may only be added to.
      if (JSON.stringify((s.tolerations ?? []).slice(0, (os.tolerations ?? []).length)) === tol) c.tolerations = [];
      return JSON.stringify(c);
    };
    if (strip(ns) !== strip(os)) return { path: 'spec', detail: `Forbidden: pod updates may not change fields other than ${POD_UPDATABLE}` };
    return undefined;
  }
  if (WORKLOADS.has(next.kind) || next.kind === 'Job') {
    const a = (next.spec as { selector?: LabelSelector }).selector;
    const b = (old.spec as { selector?: LabelSelector }).selector;
    if (next.kind === 'Job') return undefined;
    if (JSON.stringify(a ?? {}) !== JSON.stringify(b ?? {})) return { path: 'spec.selector', detail: `Invalid value: ${goSelector(a)}: field is immutable` };
  }
  return undefined;
}

/** A LabelSelector printed with Go's %#v, as in the "field is immutable" message. */
function goSelector(s: LabelSelector | undefined): string {
  const ml = s?.matchLabels ? goMap(s.matchLabels) : 'map[string]string(nil)';
  const me = s?.matchExpressions?.length
    ? `[]v1.LabelSelectorRequirement{${s.matchExpressions.map((r) => `v1.LabelSelectorRequirement{Key:${JSON.stringify(r.key)}, Operator:${JSON.stringify(r.operator)}, Values:[]string{${(r.values ?? []).map((v) => JSON.stringify(v)).join(', ')}}}`).join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${me}}`;
}
