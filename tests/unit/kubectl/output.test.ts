// -o yaml / -o json encoders: go-yaml v2 (via sigs.k8s.io/yaml) and encoding/json rules.
import { describe, expect, it } from 'vitest';
import { toGoJSON } from '../../../core/kubectl/gojson.ts';
import { toGoYAML, yamlKeyLess } from '../../../core/kubectl/goyaml.ts';
import { printObjects } from '../../../core/kubectl/get.ts';

describe('toGoYAML scalars', () => {
  const cases: { name: string; given: unknown; want: string }[] = [
    { name: 'plain string', given: { a: 'nginx:1.27' }, want: 'a: nginx:1.27\n' },
    { name: 'empty string is double-quoted', given: { a: '' }, want: 'a: ""\n' },
    { name: 'timestamp-like string is double-quoted', given: { a: '2024-05-01T12:00:00Z' }, want: 'a: "2024-05-01T12:00:00Z"\n' },
    { name: 'number-like string is double-quoted', given: { a: '8080', b: '0.5', c: '0x1F', d: '1e3' }, want: 'a: "8080"\nb: "0.5"\nc: "0x1F"\nd: "1e3"\n' },
    { name: 'YAML 1.1 booleans are double-quoted', given: { a: 'True', b: 'yes', c: 'off', d: 'y' }, want: 'a: "True"\nb: "yes"\nc: "off"\nd: "y"\n' },
    { name: 'null-like string is double-quoted', given: { a: 'null', b: '~' }, want: 'a: "null"\nb: "~"\n' },
    { name: 'IP address stays plain', given: { a: '10.244.1.5' }, want: 'a: 10.244.1.5\n' },
    { name: 'indicator at start is single-quoted', given: { a: '*', b: '- x', c: '{x}', d: ': x' }, want: "a: '*'\nb: '- x'\nc: '{x}'\nd: ': x'\n" },
    // libyaml only treats a leading ':' or '-' as an indicator when a space follows.
    { name: 'leading colon before a non-space stays plain', given: { a: ':80', b: '-x' }, want: 'a: :80\nb: -x\n' },
    { name: 'colon-space inside is single-quoted, quote doubled', given: { a: "it's: here" }, want: "a: 'it''s: here'\n" },
    { name: 'tab forces double quotes with escape', given: { a: 'a\tb' }, want: 'a: "a\\tb"\n' },
    { name: 'multi-line string as literal block', given: { a: 'line1\nline2\n' }, want: 'a: |\n  line1\n  line2\n' },
    { name: 'literal block without trailing newline uses |-', given: { a: 'x\ny' }, want: 'a: |-\n  x\n  y\n' },
    { name: 'numbers, booleans and null', given: { a: 1, b: 1.5, c: true, d: null, e: 1500000.5 }, want: 'a: 1\nb: 1.5\nc: true\nd: null\ne: 1.5000005e+06\n' },
    { name: 'empty collections are flow style', given: { a: {}, b: [] }, want: 'a: {}\nb: []\n' },
  ];
  it.each(cases)('$name', ({ given, want }) => expect(toGoYAML(given)).toBe(want));
});

describe('toGoYAML structure', () => {
  it('does not indent a sequence under its key and nests sequences inline', () => {
    expect(toGoYAML({ a: [{ b: 1, c: [1, [2, 3]] }] })).toBe('a:\n- b: 1\n  c:\n  - 1\n  - - 2\n    - 3\n');
  });
  // A real kubectl -o yaml excerpt (a scheduler message in a pod condition): long scalars
  // fold at the first space after column 80, continuing two columns deeper than the key.
  it('folds long scalars like go-yaml v2', () => {
    const message = '0/7 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, '
      + '1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 5 Insufficient memory. preemption: 0/7 nodes '
      + 'are available: 2 Preemption is not helpful for scheduling, 5 No preemption victims found for incoming pod.';
    expect(toGoYAML({ status: { conditions: [{ message }] } })).toBe(
      'status:\n  conditions:\n'
      + "  - message: '0/7 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane:\n"
      + '      }, 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 5 Insufficient\n'
      + '      memory. preemption: 0/7 nodes are available: 2 Preemption is not helpful for\n'
      + "      scheduling, 5 No preemption victims found for incoming pod.'\n",
    );
  });
});

describe('yaml key order (go-yaml keyList.Less)', () => {
  const cases: { name: string; given: [string, string]; want: boolean }[] = [
    { name: 'plain alphabetical', given: ['apiVersion', 'kind'], want: true },
    { name: 'upper case before lower case', given: ['Z', 'a'], want: true },
    { name: 'digits compare numerically', given: ['port9', 'port10'], want: true },
    { name: 'non-letter before letter', given: ['a_b', 'aB'], want: true },
    { name: 'prefix first', given: ['app', 'app.kubernetes.io/name'], want: true },
  ];
  it.each(cases)('$name', ({ given: [a, b], want }) => expect(yamlKeyLess(a, b)).toBe(want));
});

describe('toGoJSON', () => {
  it('indents by four spaces, sorts keys, keeps empty collections compact', () => {
    expect(toGoJSON({ b: [], a: { y: 1, x: {} } })).toBe('{\n    "a": {\n        "x": {},\n        "y": 1\n    },\n    "b": []\n}\n');
  });
  it('escapes HTML characters and controls as encoding/json does', () => {
    expect(toGoJSON('<a & b>\n\u0001')).toBe('"\\u003ca \\u0026 b\\u003e\\n\\u0001"\n');
  });
});

describe('printObjects', () => {
  it('wraps several objects (or none) in a List', () => {
    expect(printObjects([], 'yaml')).toBe('apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n');
    expect(printObjects([], 'json')).toBe('{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n');
  });
});
