// Seeded fuzzing of what a hostile paste can hold: any text in names, labels and annotations,
// and breakage at any position of a real manifest. Errors stay inside the file, name a line and
// column, and never carry an invisible control or direction character (field errors quote with
// Go's %q); a broken file keeps its last good objects. Applied without running the clock: fast.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Simulation } from '../../../core/simulation.ts';
import { goQuote } from '../../../core/api/validation.ts';
import { deploymentYaml } from '../harness.ts';

/** C0/C1 controls and the bidi embeddings, overrides and isolates: never raw in a message. */
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
const hostile = fc.oneof(
  fc.string({ maxLength: 24, unit: 'binary' }),
  fc.constantFrom('<img src=x onerror=alert(1)>', 'javascript:alert(1)', '"><script>alert(1)</script>', '\u202eexe.txt', 'שלום', '😀🚀', 'a\u0000b', '{{7*7}}', '${x}', '__proto__', 'constructor'),
);

const base = deploymentYaml('web', 1);
const lines = base.split('\n').length;
const broken = fc.tuple(fc.nat(base.length), fc.nat(6), fc.constantFrom(':', '- ', '\t', '[', '{', '"', "'", '&a ', '*b', '! ', '%', '@', '`', '\n  x', '|', '>'))
  .map(([at, del, ins]) => base.slice(0, at) + ins + base.slice(Math.min(base.length, at + del)));

function withMeta(name: string, label: string, annotation: string): string {
  const q = (s: string) => JSON.stringify(s); // a JSON string is a YAML double-quoted scalar
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${q(name)}\n  labels: {${q(label)}: ${q(label)}}\n  annotations: {${q(annotation)}: ${q(annotation)}}\n`;
}

describe('hostile input fuzz', () => {
  it('any text in a name, label or annotation: errors at a position, nothing invisible in them', () => {
    fc.assert(fc.property(hostile, hostile, hostile, (name, label, annotation) => {
      const sim = new Simulation({ seed: 5 });
      const errors = sim.applyWorkspace([{ path: 'h.yaml', content: withMeta(name, label, annotation) }]);
      for (const e of errors) {
        expect(e).toMatchObject({ file: 'h.yaml' });
        expect(e.line).toBeGreaterThanOrEqual(1);
        expect(e.line).toBeLessThanOrEqual(7);
        expect(e.message).not.toMatch(INVISIBLE);
      }
      sim.snapshot();
    }), { seed: 808, numRuns: 120 });
  });

  it('a manifest broken at any position: errors inside the file, last good objects kept', () => {
    fc.assert(fc.property(broken, (text) => {
      const sim = new Simulation({ seed: 5 });
      sim.applyWorkspace([{ path: 'w.yaml', content: base }]);
      const errors = sim.applyWorkspace([{ path: 'w.yaml', content: text }]);
      for (const e of errors) {
        expect(e.line).toBeGreaterThanOrEqual(1);
        expect(e.line).toBeLessThanOrEqual(lines + 1);
        expect(e.col).toBeGreaterThanOrEqual(1);
      }
      if (errors.some((e) => e.severity === 'error')) {
        expect(sim.snapshot().objects.some((o) => o.kind === 'Deployment' && o.metadata.name === 'web')).toBe(true);
      }
    }), { seed: 909, numRuns: 120 });
  });

  it('goQuote reads back as the string it quoted (Go %q round trip through JSON for the common escapes)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30, unit: 'grapheme' }), (s) => {
      const q = goQuote(s);
      expect(q).not.toMatch(INVISIBLE);
      // \x, \a, \v and \U are Go's, not JSON's: rewrite them to JSON escapes to read it back.
      const json = q.replace(/\\x([0-9a-f]{2})|\\a|\\v|\\U([0-9a-f]{8})/g, (m, x, u) =>
        x ? `\\u00${x}` : m === '\\a' ? '\\u0007' : m === '\\v' ? '\\u000b' : [...String.fromCodePoint(parseInt(u, 16))].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('') || '');
      expect(JSON.parse(json)).toBe(s);
    }), { seed: 1010, numRuns: 300 });
  });
});
