import { describe, expect, it, vi } from 'vitest';
import { answer, type HostDeps } from '../../../web/embed/hostApi.ts';
import { parseOptions } from '../../../web/embed/options.ts';

describe('embed options', () => {
  it('reads every option from the URL, the scenario from the fragment', () => {
    const o = parseOptions('https://kp.example/embed.html?view=datapath&node=worker-2&mode=editable&panels=graph,terminal&height=500&theme=high-contrast&lang=ko&autoplay=1&origins=https://docs.example,http://localhost:3000/x#kp1.abc');
    expect(o).toMatchObject({
      inline: 'kp1.abc', view: 'datapath', node: 'worker-2', editable: true, panels: ['graph', 'terminal'], height: 500,
      theme: 'high-contrast', lang: 'ko', autoplay: true, origins: ['https://kp.example', 'https://docs.example', 'http://localhost:3000'], problems: [],
    });
  });

  it('falls back to defaults, and says which options it ignored', () => {
    const o = parseOptions('https://kp.example/embed.html?view=<b>&theme=neon&lang="><script>&panels=nope&height=9&origins=javascript:alert(1)');
    expect(o).toMatchObject({ view: null, theme: 'light', lang: 'en', panels: ['graph'], height: null, editable: false, origins: ['https://kp.example'] });
    expect(o.problems.length).toBe(5);
  });

  it('fetches scenarios from its own origin only', () => {
    expect(parseOptions('https://kp.example/embed.html?scenario=s/web.yaml').scenarioUrl).toBe('https://kp.example/s/web.yaml');
    const away = parseOptions('https://kp.example/embed.html?scenario=https://evil.example/x.yaml');
    expect(away.scenarioUrl).toBeNull();
    expect(away.problems[0]).toMatch(/same site/);
    expect(parseOptions('https://kp.example/embed.html?scenario=//evil.example/x.yaml').scenarioUrl).toBeNull();
  });
});

describe('embed host API', () => {
  const parent = {};
  const deps = (): HostDeps => ({
    parent, origins: ['https://kp.example', 'https://docs.example'],
    load: vi.fn(), setTime: vi.fn(),
    state: () => ({ time: 1, head: 1, playing: false, seed: 1, files: [], objects: [], errors: [] }),
  });
  const workspace = { files: [{ path: 'a.yaml', content: 'kind: Pod\n' }] };

  it('ignores other origins, other windows and other libraries\' messages', () => {
    const d = deps();
    expect(answer({ origin: 'https://evil.example', source: parent, data: { kubeplay: 1, type: 'load', workspace } }, d)).toBeNull();
    expect(answer({ origin: 'https://docs.example', source: {}, data: { kubeplay: 1, type: 'load', workspace } }, d)).toBeNull();
    expect(answer({ origin: 'https://docs.example', source: parent, data: { type: 'load', workspace } }, d)).toBeNull();
    expect(answer({ origin: 'https://docs.example', source: null, data: { kubeplay: 1, type: 'getState' } }, { ...d, parent: null })).toBeNull();
    expect(d.load).not.toHaveBeenCalled();
  });

  it('loads a valid workspace, refuses a bad one with a reason', () => {
    const d = deps();
    expect(answer({ origin: 'https://docs.example', source: parent, data: { kubeplay: 1, id: 7, type: 'load', workspace } }, d)).toEqual({ kubeplay: 1, type: 'ok', id: 7 });
    expect(d.load).toHaveBeenCalledWith(expect.objectContaining({ files: workspace.files, seed: 1 }));
    const bad = answer({ origin: 'https://docs.example', source: parent, data: { kubeplay: 1, id: 8, type: 'load', workspace: { files: [{ path: '/etc/passwd', content: '' }, { path: 'etc/passwd', content: '' }] } } }, d);
    expect(bad).toMatchObject({ type: 'error', id: 8 });
    const huge = answer({ origin: 'https://docs.example', source: parent, data: { kubeplay: 1, type: 'load', workspace: { files: [{ path: 'a.yaml', content: 'x'.repeat(3 * 1024 * 1024) }] } } }, d);
    expect(huge).toMatchObject({ type: 'error', error: expect.stringMatching(/too large/) });
    expect(d.load).toHaveBeenCalledTimes(1);
  });

  it('sets the time within bounds and answers state', () => {
    const d = deps();
    expect(answer({ origin: 'https://kp.example', source: parent, data: { kubeplay: 1, type: 'setTime', time: 60_000 } }, d)).toMatchObject({ type: 'ok' });
    expect(d.setTime).toHaveBeenCalledWith(60_000);
    expect(answer({ origin: 'https://kp.example', source: parent, data: { kubeplay: 1, type: 'setTime', time: -1 } }, d)).toMatchObject({ type: 'error' });
    expect(answer({ origin: 'https://kp.example', source: parent, data: { kubeplay: 1, type: 'setTime', time: 1e12 } }, d)).toMatchObject({ type: 'error' });
    expect(answer({ origin: 'https://kp.example', source: parent, data: { kubeplay: 1, id: 'q', type: 'getState' } }, d)).toMatchObject({ type: 'state', id: 'q', state: { time: 1 } });
    expect(answer({ origin: 'https://kp.example', source: parent, data: { kubeplay: 1, type: 'eval', code: 'alert(1)' } }, d)).toMatchObject({ type: 'error' });
  });
});
