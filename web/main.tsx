import '@xyflow/react/dist/style.css';
import './app.css';
import './i18n/types.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { startEngine } from './engine/client.ts';
import { syncWithOtherTabs } from './files/tabSync.ts';
import { initI18n } from './i18n/index.ts';
import { registerServiceWorker } from './offline/register.ts';

startEngine();
syncWithOtherTabs();
registerServiceWorker();
// The chosen language's texts arrive before the first paint (English is built in).
await initI18n();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
