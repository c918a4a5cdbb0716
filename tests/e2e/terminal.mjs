// `kubectl get -w` in the page's terminal behaves as in a real shell: the table prints, the
// terminal holds (no prompt) while rows arrive as simulated time passes, Ctrl-C prints ^C and
// gives the prompt back; rewinding the timeline ends the watch with a note. Screenshot:
// tests/artifacts/terminal-watch.png.
import { join } from 'node:path';
import { CRASHER as yaml, assert, paste, waitFor } from './helpers.mjs';


const text = (page) => page.evaluate(() => globalThis.kubeplayTerminal?.text() ?? '');
const lastLine = async (page) => (await text(page)).split('\n').at(-1);
const crasherRows = async (page) => (await text(page)).split('\n').filter((l) => /^crasher\s+\d\/1\s/.test(l)).length;

async function type(page, line) {
  await page.click('.terminal-host');
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

export const tests = [
  {
    name: 'terminal: kubectl get pods -w holds the terminal, prints rows as time passes, stops at Ctrl-C and at a rewind',
    run: async ({ page, url, artifacts }) => {
      await page.goto(url);
      await waitFor(page, () => !!globalThis.kubeplayEditor);
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      await waitFor(page, () => !!globalThis.kubeplayEditor && !!globalThis.kubeplayEngine?.state().clock);
      await paste(page, yaml, { tab: 'workspace.yaml' });
      await waitFor(page, () => globalThis.kubeplayEngine.state().snapshot?.objects.some((o) => o.kind === 'Pod' && o.metadata.name === 'crasher'));
      await page.getByRole('tab', { name: 'Terminal' }).click();
      await waitFor(page, () => !!globalThis.kubeplayTerminal);

      await type(page, 'kubectl get pods -w');
      await waitFor(page, () => /NAME\s+READY\s+STATUS/.test(globalThis.kubeplayTerminal.text()));
      const rows = await crasherRows(page);
      assert(rows === 1, `one row at once: ${rows}`);
      assert(!(await lastLine(page)).startsWith('$'), `no prompt while watching: "${await lastLine(page)}"`);
      // Typing while the watch runs does nothing (a terminal's typeahead goes away at Ctrl-C).
      await page.keyboard.type('echo typed-ahead');

      for (let i = 0; i < 6 && (await crasherRows(page)) < 3; i++) {
        await page.getByRole('button', { name: 'Step' }).click();
        await page.waitForTimeout(300);
      }
      const more = await crasherRows(page);
      assert(more >= 3, `rows follow as time passes: ${more}\n${(await text(page)).slice(-600)}`);
      const headers = (await text(page)).split('\n').filter((l) => /^NAME\s+READY/.test(l)).length;
      assert(headers === 1, `the header prints once: ${headers}\n${await text(page)}`);
      await page.screenshot({ path: join(artifacts, 'terminal-watch.png') });

      await page.click('.terminal-host');
      await page.keyboard.press('Control+C');
      await waitFor(page, () => globalThis.kubeplayTerminal.text().split('\n').at(-1) === '$');
      const out = await text(page);
      assert(/\^C\n\$$/.test(out), `^C then the prompt: ${out.slice(-200)}`);
      assert(!out.includes('typed-ahead'), 'what was typed during the watch was dropped');

      // After Ctrl-C, time passing prints nothing more; a new watch ends when the timeline is rewound.
      await page.getByRole('button', { name: 'Step' }).click();
      await page.waitForTimeout(500);
      assert((await crasherRows(page)) === more, 'a stopped watch prints nothing');
      await type(page, 'kubectl get pods --watch');
      await waitFor(page, (n) => globalThis.kubeplayTerminal.text().split('\n').filter((l) => /^crasher\s/.test(l)).length > n, more);
      const slider = page.getByRole('slider', { name: /Timeline/ });
      await slider.focus();
      await page.keyboard.press('Home');
      await waitFor(page, () => /the watch stopped: the cluster it watched was rewound or restarted\.\n\$$/.test(globalThis.kubeplayTerminal.text()));
    },
  },
];
