// The host side of the postMessage API, as a docs page would write it: talk to the embed only
// at its own origin, and accept answers only from that frame and that origin.
const frame = document.getElementById('kp-1');
const out = document.getElementById('host-out');
const origin = new URL(frame.src, location.href).origin;
let nextId = 1;

const send = (msg) => frame.contentWindow.postMessage({ kubeplay: 1, id: nextId++, ...msg }, origin);

window.addEventListener('message', (e) => {
  if (e.source !== frame.contentWindow || e.origin !== origin || e.data?.kubeplay !== 1) return;
  const d = e.data;
  // textContent: whatever comes back is shown as text, never parsed as HTML.
  out.textContent = d.type === 'state'
    ? `t=${(d.state.time / 1000).toFixed(1)}s, pods: ${d.state.objects.filter((o) => o.kind === 'Pod' && o.namespace === 'default').map((o) => `${o.name} ${o.phase ?? ''}`).join(', ')}`
    : JSON.stringify(d);
});

document.getElementById('load-trouble').addEventListener('click', async () => {
  const content = await (await fetch('embed-demo/trouble.yaml')).text();
  send({ type: 'load', workspace: { files: [{ path: 'trouble.yaml', content }] } });
});
document.getElementById('set-time').addEventListener('click', () => send({ type: 'setTime', time: 5 * 60_000 }));
document.getElementById('get-state').addEventListener('click', () => send({ type: 'getState' }));
