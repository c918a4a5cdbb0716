// Go text/tabwriter semantics (column blocks end at a line with fewer cells).
import { describe, expect, it } from 'vitest';
import { tabwrite } from '../../../core/kubectl/tabwriter.ts';

describe('tabwrite', () => {
  const cases: { name: string; given: string; want: string }[] = [
    { name: 'aligns a column and leaves the last cell unpadded', given: 'a\tb\nccc\td\n', want: 'a    b\nccc  d\n' },
    {
      name: 'a line without tabs ends the block',
      given: 'Name:\tx\nContainers:\n  app:\n    Image:\tnginx\n',
      want: 'Name:  x\nContainers:\n  app:\n    Image:  nginx\n',
    },
    { name: 'empty leading cell continues the block', given: 'Labels:\ta=b\n\tc=d\nNamespace:\tdefault\n', want: 'Labels:     a=b\n            c=d\nNamespace:  default\n' },
    { name: 'nested columns size per block', given: 'a\tb\tc\nlonger\tb\n', want: 'a       b  c\nlonger  b\n' },
  ];
  it.each(cases)('$name', ({ given, want }) => expect(tabwrite(given, { minwidth: 0, padding: 2 })).toBe(want));

  it('applies minwidth (kubectl tables use 6)', () => {
    expect(tabwrite('A\tB\n', { minwidth: 6, padding: 3 })).toBe('A     B\n');
  });
});
