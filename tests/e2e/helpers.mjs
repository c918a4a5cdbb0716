// What every e2e module needs: assertions, waiting on the page, pasting into Monaco as users do.

/** A pod whose container exits 1 two seconds after each start: a crash loop to watch. */
export const CRASHER = `apiVersion: v1
kind: Pod
metadata:
  name: crasher
spec:
  containers:
    - name: app
      image: busybox
      command: ["sh", "-c", "sleep 2; exit 1"]
`;

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

export const waitFor = (page, fn, arg, timeout = 15000) => page.waitForFunction(fn, arg, { timeout, polling: 100 });

/**
 * Replaces the editor's text the way a user would: select all and paste (typing gets
 * re-indented line by line). With `tab`, that file's tab is opened first. Returns the time just
 * before the paste, for tests that time what follows.
 */
export async function paste(page, text, { tab } = {}) {
  if (tab) await page.getByRole('tab', { name: tab }).click();
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.click('.monaco-editor .view-lines');
  await page.keyboard.press('Control+A');
  const t0 = Date.now();
  await page.keyboard.press('Control+V');
  await waitFor(page, (t) => globalThis.kubeplayEditor?.value() === t, text, 5000);
  return t0;
}

/** Waits (at most 6 s) until the graph's viewport transform holds still between two polls. */
export const settled = (page) => page.waitForFunction(() => {
  const t = document.querySelector('.react-flow__viewport')?.style.transform;
  const same = t === globalThis.lastViewport;
  globalThis.lastViewport = t;
  return same;
}, null, { polling: 200, timeout: 6000 }).catch(() => {});
