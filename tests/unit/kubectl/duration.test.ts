// Cases from upstream apimachinery duration_test.go (TestHumanDurationBoundaries,
// TestShortHumanDurationBoundaries).
import { describe, expect, it } from 'vitest';
import { humanDuration, shortHumanDuration, since } from '../../../core/kubectl/duration.ts';

const S = 1000, M = 60 * S, H = 60 * M, D = 24 * H, Y = 365 * D;

describe('humanDuration', () => {
  const cases: { name: string; given: number; want: string }[] = [
    { name: '-2s is invalid', given: -2 * S, want: '<invalid>' },
    { name: 'just under -2s rounds to now', given: -2 * S + 1, want: '0s' },
    { name: 'zero', given: 0, want: '0s' },
    { name: 'under a second', given: S - 1, want: '0s' },
    { name: 'seconds up to 2m', given: 2 * M - 1, want: '119s' },
    { name: '2m', given: 2 * M, want: '2m' },
    { name: '2m1s', given: 2 * M + S, want: '2m1s' },
    { name: 'under 10m', given: 10 * M - 1, want: '9m59s' },
    { name: '10m drops seconds', given: 10 * M + S, want: '10m' },
    { name: 'under 3h', given: 3 * H - 1, want: '179m' },
    { name: '3h', given: 3 * H, want: '3h' },
    { name: '3h1m', given: 3 * H + M, want: '3h1m' },
    { name: 'under 8h', given: 8 * H - 1, want: '7h59m' },
    { name: '8h drops minutes', given: 8 * H + 59 * M, want: '8h' },
    { name: 'under 2d', given: 2 * D - 1, want: '47h' },
    { name: '2d', given: 2 * D, want: '2d' },
    { name: '2d1h', given: 2 * D + H, want: '2d1h' },
    { name: 'under 8d', given: 8 * D - 1, want: '7d23h' },
    { name: '8d drops hours', given: 8 * D + 23 * H, want: '8d' },
    { name: 'under 2y', given: 2 * Y - 1, want: '729d' },
    { name: '2y', given: 2 * Y + 23 * H, want: '2y' },
    { name: '2y1d', given: 2 * Y + D, want: '2y1d' },
    { name: 'under 8y', given: 8 * Y - 1, want: '7y364d' },
    { name: '8y drops days', given: 8 * Y + 364 * D, want: '8y' },
  ];
  it.each(cases)('$name', ({ given, want }) => expect(humanDuration(given)).toBe(want));
});

describe('shortHumanDuration', () => {
  const cases: { name: string; given: number; want: string }[] = [
    { name: 'invalid', given: -2 * S, want: '<invalid>' },
    { name: 'zero', given: 0, want: '0s' },
    { name: '59s', given: M - 1, want: '59s' },
    { name: '1m', given: 2 * M - 1, want: '1m' },
    { name: '23h', given: D - 1, want: '23h' },
    { name: '364d', given: Y - 1, want: '364d' },
    { name: '1y', given: 2 * Y - 1, want: '1y' },
  ];
  it.each(cases)('$name', ({ given, want }) => expect(shortHumanDuration(given)).toBe(want));
});

describe('since', () => {
  it('prints <unknown> for a missing timestamp', () => expect(since(undefined, 0)).toBe('<unknown>'));
  it('measures from the given now', () => expect(since('2024-05-01T11:59:00Z', Date.parse('2024-05-01T12:00:00Z'))).toBe('60s'));
});
