import { describe, expect, it } from 'vitest';
import { offlinePage, precachable, strategyFor } from '../../../web/offline/policy.ts';

const scope = 'https://docs.example.org/kubeplay/';

describe('service worker: what each request gets', () => {
  const cases: { name: string; given: { url: string; method?: string }; want: string }[] = [
    { name: 'hashed asset: cache first', given: { url: `${scope}assets/editor.api-abc123.js` }, want: 'cache-first' },
    { name: 'the page itself: network first', given: { url: scope }, want: 'network-first' },
    { name: 'the page with a language and a share fragment', given: { url: `${scope}?lang=ko#kp1.abc` }, want: 'network-first' },
    { name: 'a lesson file: network first', given: { url: `${scope}lessons/probes.yaml` }, want: 'network-first' },
    { name: 'the worker script itself is never cached by itself', given: { url: `${scope}sw.js` }, want: 'pass' },
    { name: 'another origin is not ours', given: { url: 'https://cdn.example.com/assets/x.js' }, want: 'pass' },
    { name: 'same origin outside the scope (the host site)', given: { url: 'https://docs.example.org/blog/' }, want: 'pass' },
    { name: 'anything but GET goes to the network', given: { url: `${scope}assets/x.js`, method: 'POST' }, want: 'pass' },
  ];
  it.each(cases)('$name', ({ given, want }) => {
    expect(strategyFor({ url: given.url, method: given.method ?? 'GET', scope })).toBe(want);
  });
});

describe('service worker: the page a navigation falls back to offline', () => {
  const cases = [
    { name: 'the scope root', given: `${scope}?lang=zh-TW`, want: `${scope}index.html` },
    { name: 'a page by name', given: `${scope}embed.html?scenario=x`, want: `${scope}embed.html` },
  ];
  it.each(cases)('$name', ({ given, want }) => expect(offlinePage(given, scope)).toBe(want));
});

describe('service worker: what is precached', () => {
  const cases = [
    { name: 'app chunks', given: 'assets/index-abc.js', want: true },
    { name: 'lessons', given: 'lessons/kubelet.yaml', want: true },
    { name: 'not itself', given: 'sw.js', want: false },
    { name: 'not source maps', given: 'assets/index-abc.js.map', want: false },
    { name: 'not the embedding demo pages', given: 'embed-demo.html', want: false },
  ];
  it.each(cases)('$name', ({ given, want }) => expect(precachable(given)).toBe(want));
});
