// The page side of the engine worker: sends the workspace (debounced, at most one edit in
// flight so a slow settle never queues stale work) and feeds snapshots into the store.
import type { FromEngine, ToEngine, WorkspaceFile } from '../../core/protocol.ts';
import { useStore } from '../store/index.ts';

const DEBOUNCE_MS = 120;
const SEED = 1;

export function startEngine(): () => void {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'kubeplay-engine' });
  const { receiveSnapshot, receiveFatal, setEngineStatus } = useStore.getState();
  let inFlight = false;
  let pending: WorkspaceFile[] | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const send = (msg: ToEngine): void => {
    inFlight = true;
    setEngineStatus('busy');
    worker.postMessage(msg);
  };
  const flush = (): void => {
    if (inFlight || !pending) return;
    send({ type: 'edit', files: pending });
    pending = null;
  };

  worker.onmessage = (event: MessageEvent<FromEngine>) => {
    const msg = event.data;
    if (msg.type === 'snapshot') receiveSnapshot(msg.snapshot, msg.tookMs);
    else if (msg.type === 'fatal') receiveFatal(msg.message);
    else return;
    inFlight = false;
    flush();
  };
  worker.onerror = (event) => {
    inFlight = false;
    receiveFatal(event.message || 'The engine worker failed to start.');
  };

  send({ type: 'load', files: useStore.getState().files, seed: SEED });
  const unsubscribe = useStore.subscribe((state, prev) => {
    if (state.files === prev.files) return;
    pending = state.files;
    clearTimeout(timer);
    timer = setTimeout(flush, DEBOUNCE_MS);
  });

  return () => {
    unsubscribe();
    clearTimeout(timer);
    worker.terminate();
  };
}
