// The bad-input corpus (tests/bad-input/): each hostile or broken manifest gets a clear
// error at FILE:LINE:COL — or is accepted where kube-apiserver would accept it — and the
// engine keeps going. Error texts follow kube-apiserver's field errors.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Simulation } from '../../core/simulation.ts';

const dir = join(__dirname, '../bad-input');
const read = (f: string) => readFileSync(join(dir, f), 'latin1');

function apply(path: string, content: string) {
  const sim = new Simulation({ seed: 1 });
  const errors = sim.applyWorkspace([{ path, content }]);
  sim.settle(60_000);
  return { sim, errors };
}

const table: { name: string; file: string; want: { line: number; message: RegExp } | 'accepted' }[] = [
  { name: 'tab indentation', file: '01-tab-indent.yaml', want: { line: 4, message: /tab/i } },
  { name: 'wrong type for replicas', file: '02-wrong-type-replicas.yaml', want: { line: 6, message: /spec\.replicas/ } },
  { name: 'unknown kind is kept, not simulated', file: '03-unknown-kind.yaml', want: 'accepted' },
  { name: 'same object twice', file: '04-duplicate-name.yaml', want: { line: 9, message: /defined twice/ } },
  { name: 'port out of range', file: '05-bad-port.yaml', want: { line: 7, message: /spec\.ports\[0\]\.port: Invalid value: 70000: must be between 1 and 65535, inclusive/ } },
  { name: 'not a quantity', file: '06-bad-quantity.yaml', want: { line: 11, message: /spec\.containers\[0\]\.resources\.requests\[cpu\]: Invalid value: "lots"/ } },
  { name: 'HTML in a name is an invalid name', file: '07-html-name.yaml', want: { line: 4, message: /metadata\.name: Invalid value: "<img src=x onerror=alert\(1\)>": a lowercase RFC 1123 subdomain/ } },
  { name: 'HTML in annotations and data is plain text', file: '08-html-label.yaml', want: 'accepted' },
  { name: 'right-to-left and emoji text is plain text', file: '09-rtl-emoji.yaml', want: 'accepted' },
  { name: 'nesting deeper than the limit is refused with the limit named', file: '10-deep-nesting.yaml', want: { line: 6, message: /nested more than 256 levels deep; the playground reads manifests nested up to 256 levels/ } },
  { name: 'a custom object nested 200 levels is kept', file: '15-deep-custom-object.yaml', want: 'accepted' },
  // apimachinery ValidateAnnotations: TotalAnnotationSizeLimitB, reported with field.TooLong.
  { name: 'annotations over 256 KiB', file: '16-annotations-too-big.yaml', want: { line: 6, message: /^The ConfigMap "big-notes" is invalid: metadata\.annotations: Too long: may not be more than 262144 bytes$/ } },
  { name: 'an annotation key that is a javascript: URL', file: '17-annotation-key-script.yaml', want: { line: 5, message: /metadata\.annotations: Invalid value: "javascript:alert\(1\)": name part must consist of alphanumeric characters/ } },
  // Field errors quote with Go's %q: a right-to-left override is shown escaped, never applied.
  { name: 'a bidi override in a name is escaped in the message', file: '18-bidi-control-name.yaml', want: { line: 5, message: /^The ConfigMap "abc\\u202egnp\.exe" is invalid: metadata\.name: Invalid value: "abc\\u202egnp\.exe": a lowercase RFC 1123 subdomain/ } },
  { name: 'a label value over 63 characters', file: '19-label-value-too-long.yaml', want: { line: 5, message: /metadata\.labels: Invalid value: "a{64}": must be no more than 63 characters$/ } },
  { name: 'a YAML error in the middle of a file', file: '20-many-errors-positions.yaml', want: { line: 18, message: /Flow sequence/ } },
  { name: '100 million replicas', file: '23-replicas-beyond-limit.yaml', want: { line: 8, message: /^the workloads ask for 100000000 pods; the playground simulates up to 200000$/ } },
  { name: 'a __proto__ key', file: '21-proto-keys.yaml', want: { line: 8, message: /the key "__proto__" is not supported/ } },
  { name: 'binary garbage', file: '11-binary.yaml', want: { line: 1, message: /./ } },
  { name: 'an invalid clusterIP', file: '12-bad-cidr-service.yaml', want: { line: 6, message: /clusterIP|clusterIPs/ } },
  { name: 'upper-case name', file: '13-uppercase-name.yaml', want: { line: 4, message: /metadata\.name: Invalid value: "Web"/ } },
  { name: 'selector does not match template labels', file: '14-selector-mismatch.yaml', want: { line: 10, message: /`selector` does not match template `labels`/ } },
];

describe('bad input corpus', () => {
  it.each(table)('$name', ({ file, want }) => {
    const { errors } = apply(file, read(file));
    const hard = errors.filter((e) => e.severity === 'error');
    if (want === 'accepted') return expect(hard).toEqual([]);
    expect(hard.length).toBeGreaterThan(0);
    expect(hard[0]).toMatchObject({ file, line: want.line });
    expect(hard[0]!.message).toMatch(want.message);
  });

  it('a file that stops parsing keeps its last good objects', () => {
    const sim = new Simulation({ seed: 1 });
    sim.applyWorkspace([{ path: 'cm.yaml', content: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kept}\n' }]);
    const errors = sim.applyWorkspace([{ path: 'cm.yaml', content: read('01-tab-indent.yaml') }]);
    expect(errors.length).toBeGreaterThan(0);
    expect(sim.snapshot().objects.some((o) => o.kind === 'ConfigMap' && o.metadata.name === 'kept')).toBe(true);
  });

  it('an object that lost its name keeps the file’s last good objects (fuzz seed 909)', () => {
    const sim = new Simulation({ seed: 1 });
    sim.applyWorkspace([{ path: 'w.yaml', content: read('22-metadata-key-typo.yaml').replace(':metadata:', 'metadata:') }]);
    const errors = sim.applyWorkspace([{ path: 'w.yaml', content: read('22-metadata-key-typo.yaml') }]);
    expect(errors[0]).toMatchObject({ file: 'w.yaml', message: expect.stringMatching(/name or generateName is required/) });
    expect(sim.snapshot().objects.some((o) => o.kind === 'Deployment' && o.metadata.name === 'web')).toBe(true);
  });

  it('a __proto__ key changes no prototype and no field', () => {
    const { sim } = apply('p.yaml', read('21-proto-keys.yaml'));
    expect(({} as Record<string, unknown>).nodeName).toBeUndefined();
    expect(sim.snapshot().objects.some((o) => o.kind === 'Pod' && o.metadata.name === 'proto')).toBe(false);
  });

  it('an unknown kind is stored and listed, marked not simulated', () => {
    const { sim } = apply('w.yaml', read('03-unknown-kind.yaml'));
    expect(sim.snapshot().objects.some((o) => o.kind === 'Widget' && o.metadata.name === 'w')).toBe(true);
  });

  it('a YAML alias bomb is refused with an explanation', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 20; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const { errors } = apply('bomb.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n' + lines.map((l) => '  ' + l).join('\n') + '\n');
    expect(errors[0]?.message).toMatch(/alias/i);
  });

  it('a 10 MB paste is refused with the limit named, not truncated silently', () => {
    const big = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  x: "' + 'a'.repeat(10 * 1024 * 1024) + '"\n';
    const { errors } = apply('big.yaml', big);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/MB/);
  });

  it('10,000 documents are refused above the per-file limit with the limit named', () => {
    const docs = Array.from({ length: 10_000 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\n`).join('---\n');
    const { errors } = apply('many.yaml', docs);
    expect(errors[0]!.message).toMatch(/10000 YAML documents in one file; the playground reads up to 5000/);
    // Counted before parsing: the refusal costs no more than reading 5,000 of them would.
    expect(errors).toHaveLength(1);
  });

  it('a size just over the workspace limit never reads as equal to it', () => {
    const { errors } = apply('big.yaml', 'x'.repeat(10 * 1024 * 1024 + 100));
    expect(errors[0]!.message).toBe('the workspace is 10.1 MB; the playground simulates workspaces up to 10 MB');
  });
});
