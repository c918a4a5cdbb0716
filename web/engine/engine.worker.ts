// The engine's browser host: one Simulation per page, driven by core/protocol messages.
// Everything heavy (YAML parsing, reconciling) happens here, off the main thread.
import type { FromEngine, ToEngine, WorkspaceFile } from '../../core/protocol.ts';
import { runCommand } from '../../core/shell/shell.ts';
import { Simulation } from '../../core/simulation.ts';
import { view } from '../../core/views/index.ts';

const post = (msg: FromEngine): void => self.postMessage(msg);

let sim = new Simulation();
let files: WorkspaceFile[] = [];
// `kubectl apply -f workspace.yaml` typed in a terminal reads the files as last edited.
const fileSource = { read: (path: string) => files.find((f) => f.path === path.replace(/^\.\//, ''))?.content };

function applyAndReport(run: () => void): void {
  const t0 = performance.now();
  run();
  sim.settle();
  post({ type: 'snapshot', snapshot: sim.snapshot(), tookMs: performance.now() - t0 });
}

self.onmessage = (event: MessageEvent<ToEngine>) => {
  const msg = event.data;
  try {
    switch (msg.type) {
      case 'load':
        sim = new Simulation({ seed: msg.seed });
        files = msg.files;
        applyAndReport(() => sim.applyWorkspace(msg.files));
        break;
      case 'edit':
        files = msg.files;
        applyAndReport(() => sim.applyWorkspace(msg.files));
        break;
      case 'advance':
        applyAndReport(() => sim.advance(msg.ms));
        break;
      case 'command': {
        const { stdout, stderr, exitCode } = runCommand(sim, msg.line, fileSource);
        post({ type: 'commandResult', id: msg.id, stdout, stderr, exitCode });
        post({ type: 'snapshot', snapshot: sim.snapshot(), tookMs: 0 });
        break;
      }
      case 'view':
        post({ type: 'viewResult', id: msg.id, result: view(sim, msg.request) });
        break;
    }
  } catch (err) {
    // An engine bug must not take the page down: report it and keep the last snapshot on screen.
    post({ type: 'fatal', message: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) });
  }
};
