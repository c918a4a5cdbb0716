// parseManifestFile parses a file document by document and keeps what it parsed: it must read
// every text exactly as parsing the file whole does (objects, positions, errors), and an edit of
// one document must leave the others' parsed objects as they were (the same objects).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocuments, parseManifestFile } from '../../../core/manifest/parse.ts';

const doc = (name: string, extra = '') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  k: v${extra}\n`;

/** What a parse says, positions included, in plain values that toEqual can compare. */
const plain = (r: ReturnType<typeof parseManifestFile>) => ({
  errors: r.errors,
  objects: r.objects.map((o) => ({ object: o.object, file: o.file, start: o.start, endLine: o.endLine, pos: [...o.pos] })),
});
const whole = (file: string, text: string) => {
  const { docs: _docs, ...r } = parseDocuments(file, text);
  return plain(r);
};

describe('parseManifestFile reads a file as parsing it whole does', () => {
  const cases = [
    { name: 'one document', given: doc('a') },
    { name: 'three documents', given: [doc('a'), doc('b'), doc('c')].join('---\n') },
    { name: 'leading marker and comments', given: `# top\n---\n${doc('a')}--- # two\n${doc('b')}` },
    { name: 'CRLF line ends', given: [doc('a'), doc('b')].join('---\n').replace(/\n/g, '\r\n') },
    { name: 'a marker with content on its line', given: `${doc('a')}--- {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}\n` },
    { name: 'a block scalar ended by a marker', given: `${doc('a', '\n  s: |\n    line')}---\n${doc('b')}` },
    { name: 'a quote left open across a marker', given: `${doc('a', '\n  s: "open')}---\n${doc('b')}` },
    { name: 'a flow mapping left open across a marker', given: `${doc('a', '\n  s: {x: 1,')}---\n${doc('b')}` },
    { name: 'a %YAML directive', given: `${doc('a')}---\n%YAML 1.1\n---\n${doc('b', '\n  y: yes')}` },
    { name: 'a document end marker', given: `${doc('a')}...\n---\n${doc('b')}` },
    { name: 'a YAML error in the second document', given: `${doc('a')}---\n${doc('b')}  bad: [\n` },
    { name: 'the same document twice', given: [doc('a'), doc('a')].join('---\n') },
    { name: 'an empty document between markers', given: `${doc('a')}---\n---\n${doc('b')}` },
    { name: 'a marker-like line inside a key', given: `${doc('a')}----\n` },
    { name: 'a List', given: `${doc('a')}---\napiVersion: v1\nkind: List\nitems:\n- ${doc('b').replace(/\n(?=.)/g, '\n  ')}` },
  ];
  it.each(cases)('$name', ({ name, given }) => {
    const file = `table/${name}.yaml`;
    expect(plain(parseManifestFile(file, given))).toEqual(whole(file, given));
    // Again, from what the first call kept.
    expect(plain(parseManifestFile(file, given))).toEqual(whole(file, given));
  });

  it('for any mix of documents, broken ones and markers, edited in turn', () => {
    const part = fc.constantFrom(doc('a'), doc('b', '\n  n: 1'), '---\n', '--- x: 1\n', '...\n', '%YAML 1.2\n', '  s: "open\n', 's: |\n  text\n', '{a: 1,\n', '# c\n', '\n', 'kind: [\n', 'k: v\n');
    fc.assert(
      fc.property(fc.array(fc.array(part, { maxLength: 12 }), { minLength: 1, maxLength: 4 }), (texts) => {
        for (const parts of texts) {
          const text = parts.join('');
          expect(plain(parseManifestFile('fuzz.yaml', text))).toEqual(whole('fuzz.yaml', text));
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('an edit of one document', () => {
  const before = [doc('a'), doc('b'), doc('c')].join('---\n');
  const cases = [
    { name: 'in place: the other documents are the same objects', given: before.replace('name: b', 'name: x'), want: { same: [0, 2], line: 15 } },
    { name: 'a line more: the documents after it move down', given: before.replace('name: b', 'name: b\n  labels: {}'), want: { same: [0], line: 16 } },
  ];
  it.each(cases)('$name', ({ given, want }) => {
    const first = parseManifestFile('edit.yaml', before);
    const next = parseManifestFile('edit.yaml', given);
    expect(plain(next)).toEqual(whole('edit.yaml', given));
    for (const i of want.same) expect(next.objects[i]).toBe(first.objects[i]);
    expect(next.objects[2]!.object).toBe(first.objects[2]!.object);
    expect(next.objects[2]!.start.line).toBe(want.line);
  });
});
