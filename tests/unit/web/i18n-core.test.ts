// Core's own explanations in every language: each message id core can emit (its catalogues,
// and the ids a real run emits) has a Korean and a Traditional Chinese text with the English
// placeholders, the params core sends fill exactly those placeholders, and the page renders a
// message (nested ones included) in the chosen language.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { WHY } from '../../../core/views/whyMessages.ts';
import { JOURNEY } from '../../../core/journey/messages.ts';
import { TRACE } from '../../../core/proxy/trace/messages.ts';
import type { Message } from '../../../core/views/message.ts';
import { view } from '../../../core/views/index.ts';
import { traceInSimulation } from '../../../core/shell/trace.ts';
import { koCore } from '../../../web/i18n/core.ko.ts';
import { zhTWCore } from '../../../web/i18n/core.zh-TW.ts';
import { en } from '../../../web/i18n/en.ts';
import { ko } from '../../../web/i18n/ko.ts';
import { say } from '../../../web/i18n/say.ts';
import { cluster, deploymentYaml, podYaml, serviceYaml } from '../harness.ts';

const ENGLISH: Record<string, string> = { ...WHY, ...JOURNEY, ...TRACE };
const holes = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();
const RESERVED = /^(ns|lng|lngs|context|defaultValue|returnObjects|keySeparator|nsSeparator|replace|count)$/;

describe.each([['ko', koCore], ['zh-TW', zhTWCore]] as const)('%s core messages', (_lang, messages) => {
  const theirs: Record<string, string> = messages;
  it('cover exactly the ids of core’s catalogues', () => expect(Object.keys(theirs).sort()).toEqual(Object.keys(ENGLISH).sort()));
  it.each(Object.entries(ENGLISH))('%s keeps the English placeholders', (id, english) => expect(holes(theirs[id] ?? '')).toEqual(holes(english)));
  it('are translated where the English has words', () => {
    const same = Object.keys(ENGLISH).filter((id) => theirs[id] === ENGLISH[id] && /[a-z]{3,} [a-z]{3,}/.test(ENGLISH[id]!));
    expect(same).toEqual([]);
  });
});

describe('core message placeholders', () => {
  it.each(Object.entries(ENGLISH))('%s avoids i18next option names', (_id, english) => {
    expect(holes(english).filter((h) => RESERVED.test(h))).toEqual([]);
  });
});

/** Every message in a view result, nested params included. */
function messages(value: unknown, out: Message[] = []): Message[] {
  if (Array.isArray(value)) value.forEach((v) => messages(v, out));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.id === 'string' && (o.id.startsWith('why.') || o.id.startsWith('journey.') || o.id.startsWith('trace.'))) out.push(o as unknown as Message);
    Object.values(o).forEach((v) => messages(v, out));
  }
  return out;
}

describe('messages a real run emits', () => {
  const emitted: Message[] = [];
  beforeAll(() => {
    const c = cluster(3);
    c.apply([
      podYaml('picky', 'nodeSelector: {disktype: ssd}\ncontainers: [{name: app, image: busybox, command: [sleep, "3600"]}]'),
      deploymentYaml('web', 2),
      serviceYaml('web'),
      podYaml('stray', 'containers: [{name: app, image: nginx}]', '  labels: {app: web-old, tier: x}\n'),
      `${serviceYaml('mixed', 'web-old')}`.replace('selector: {app: web-old}', 'selector: {app: web-old, tier: y}'),
    ].join('---\n'));
    c.advance('60s');
    const web = c.pods('web-')[0]!.metadata.name;
    const ask = (r: Parameters<typeof view>[1]) => emitted.push(...messages(view(c.sim, r)));
    ask({ kind: 'explain', objectKind: 'Pod', namespace: 'default', name: 'picky' });
    ask({ kind: 'explain', objectKind: 'Pod', namespace: 'default', name: web });
    ask({ kind: 'explain', objectKind: 'Service', namespace: 'default', name: 'mixed' });
    ask({ kind: 'journey', namespace: 'default', name: web });
    for (const req of [
      { from: 'pod/stray', to: 'web:80' },
      { from: 'pod/stray', to: 'web:81' },
      { from: 'pod/stray', to: 'web', proto: 'icmp' as const },
      { from: 'node/worker-1', to: `${c.pods('web-')[1]!.status!.podIP}:8080` },
      { from: 'external', to: 'web:80' },
    ]) emitted.push(...messages(traceInSimulation(c.sim, req)));
  });

  it('include the explanations asked for', () => {
    const ids = new Set(emitted.map((m) => m.id));
    for (const id of ['why.scheduler.message', 'why.node.rejected', 'why.reason.nodeSelector', 'why.reason.taint', 'why.scheduled', 'why.service.ready',
      'why.service.notSelected', 'journey.applyWorkload', 'journey.boundScored', 'journey.ready', 'trace.dns', 'trace.route', 'trace.out.delivered', 'trace.out.noRule'])
      expect(ids, id).toContain(id);
  });
  it('are all translated, with params that fill exactly their placeholders', () => {
    for (const m of emitted) {
      expect(Object.keys(m.params ?? {}).sort(), m.id).toEqual(holes(ENGLISH[m.id] ?? `missing ${m.id}`));
      expect(koCore, m.id).toHaveProperty([m.id]);
      expect(zhTWCore, m.id).toHaveProperty([m.id]);
    }
  });
});

describe('the page renders a message in its language', () => {
  beforeAll(async () => {
    await i18next.init({
      lng: 'ko', fallbackLng: 'en', ns: ['translation', 'core'], defaultNS: 'translation', interpolation: { escapeValue: false },
      resources: { en: { translation: en }, ko: { translation: ko, core: koCore } },
    });
  });
  const reasons: Message[] = [
    { id: 'why.reason.nodeSelector', params: { labels: 'disktype=ssd' } },
    { id: 'why.reason.other', params: { reason: 'Too many pods{{x}}' } },
  ];
  it.each<{ name: string; given: Message; want: string }>([
    { name: 'a plain message', given: { id: 'why.scheduler.waiting' }, want: '스케줄러를 기다리는 중입니다.' },
    { name: 'params filled', given: { id: 'why.service.ready', params: { service: 'web', ip: '10.244.1.5' } }, want: '서비스 web: 준비된 엔드포인트입니다(10.244.1.5).' },
    { name: 'nested messages, joined, quoted text untouched', given: { id: 'why.node.rejected', params: { node: 'worker-1', plugin: 'NodeAffinity', reasons } },
      want: 'worker-1: NodeAffinity이(가) 거절함 — 파드의 nodeSelector는 disktype=ssd을(를) 요구하지만 이 노드에는 그런 레이블이 없습니다; Too many pods{{x}}' },
    { name: 'an unknown id falls back to the English text', given: { id: 'why.not.a.message' }, want: 'the English' },
  ])('$name', ({ given, want }) => expect(say(given, 'the English')).toBe(want));
  it('English shows core’s own text', async () => {
    await i18next.changeLanguage('en');
    expect(say({ id: 'why.scheduler.waiting' }, 'Waiting for the scheduler.')).toBe('Waiting for the scheduler.');
    await i18next.changeLanguage('ko');
  });
});
