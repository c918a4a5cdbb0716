// embed.html's entry: options from the URL, the scenario (inline or same-origin), the engine,
// the postMessage API for the host page, then the page.
import './memoryStorage.ts'; // first: no module may touch the real storage before it is swapped
import '@xyflow/react/dist/style.css';
import '../app.css';
import '../workbench.css';
import './embed.css';
import '../i18n/types.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { engine, startEngine } from '../engine/client.ts';
import { initI18n } from '../i18n/index.ts';
import { EmbedApp } from './EmbedApp.tsx';
import { listen } from './hostApi.ts';
import { parseOptions } from './options.ts';
import { loadScenario } from './scenario.ts';
import { embedState, loadPayload, needsReplay, replay, setScenario, setTime } from './state.ts';

const opts = parseOptions(location.href);
const html = document.documentElement;
html.dataset.theme = opts.theme;
html.lang = opts.lang;
if (opts.height) html.style.setProperty('--embed-height', `${opts.height}px`);

const problems = [...opts.problems];
const scenario = await loadScenario(opts);
if (scenario?.ok) setScenario(scenario.value, { graph: opts.view, node: opts.node });
else if (scenario) problems.push(scenario.error);

startEngine();
if (scenario?.ok && needsReplay(scenario.value)) replay(scenario.value);
if (opts.autoplay) engine()?.play();
listen({ parent: window.parent === window ? null : window.parent, origins: opts.origins, load: loadPayload, setTime, state: embedState });

// The UI's language: ?lang= in the embed's URL, else the browser's (tool output stays English).
await initI18n();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <EmbedApp opts={opts} problems={problems} />
  </StrictMode>,
);
