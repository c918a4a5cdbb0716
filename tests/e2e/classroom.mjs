// Classroom, languages and accessibility, end to end: ?lang=ko, presentation mode and a lesson
// stepped with the keyboard (a task's check passes after the right edit), axe-core in normal and
// presentation modes, a phone viewport. axe's source comes from node_modules: no network.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { assert, settled } from './helpers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const servicesLesson = parse(readFileSync(join(root, 'public', 'lessons', '07-services.yaml'), 'utf8'));
const fixedWeb = servicesLesson.spec.steps[3].task.solution['web.yaml'];

const ready = (page) => page.waitForFunction(() => !!globalThis.kubeplayEngine?.state().snapshot, null, { timeout: 20000 });
const shoot = async (page, artifacts, name) => {
  await settled(page);
  await page.screenshot({ path: join(artifacts, name) });
};
const stepTitle = (page) => page.locator('.nar-title').innerText();

/**
 * axe-core's serious and critical violations, summarised. The page's CSP refuses inline <script>
 * (page.addScriptTag({ content })), so the same source is evaluated through the debugger protocol.
 */
async function axe(page, label) {
  if (!(await page.evaluate(() => !!globalThis.axe))) await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    // A deleted pod's ghost is faded on purpose and gone in a few seconds: not text to read.
    const r = await globalThis.axe.run({ exclude: [['.chg-removed']] }, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}) ×${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  assert(found.length === 0, `axe (${label}):\n  ${found.join('\n  ')}`);
  return label;
}

/**
 * Every graph label in view, as drawn on screen: font size × React Flow's zoom, and its box's height.
 * Returns those under 16 CSS px (a label is text directly inside a node or an edge label).
 */
const smallLabels = (page) => page.evaluate(() => {
  const pane = document.querySelector('.react-flow__renderer')?.getBoundingClientRect();
  const zoom = Number(/scale\(([\d.]+)\)/.exec(document.querySelector('.react-flow__viewport')?.style.transform ?? '')?.[1]);
  const small = [];
  let seen = 0;
  for (const el of document.querySelectorAll('.react-flow__node *, .react-flow__edge-text')) {
    if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
    const box = el.getBoundingClientRect();
    const visible = box.width > 0 && box.right > pane.left && box.left < pane.right && box.bottom > pane.top && box.top < pane.bottom && getComputedStyle(el).visibility !== 'hidden';
    if (!visible) continue;
    seen++;
    const px = parseFloat(getComputedStyle(el).fontSize) * zoom;
    if (px < 16 || box.height < 16) small.push(`${el.className?.baseVal ?? el.className} "${el.textContent.trim().slice(0, 24)}" ${px.toFixed(1)}px, box ${box.height.toFixed(1)}px`);
  }
  return { zoom, seen, small };
});

export const tests = [
  {
    name: 'classroom / presentation at 1280×720: every graph label in view is ≥ 16 CSS px (cluster, a lesson, its data-path step)',
    run: async ({ page, url, artifacts }) => {
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.goto(url);
      await page.evaluate(() => localStorage.clear());
      await page.goto(`${url}?present`);
      await ready(page);
      await page.waitForFunction(() => document.querySelectorAll('.react-flow__node-pod').length === 3, null, { timeout: 15000 });
      await settled(page);
      const starter = await smallLabels(page);
      assert(starter.seen >= 15 && starter.small.length === 0, `the starter (zoom ${starter.zoom}, ${starter.seen} labels):\n  ${starter.small.join('\n  ')}`);
      assert(await page.locator('.react-flow__node-service .svc-name', { hasText: /^web$/ }).isVisible(), 'the web Service is in view');
      await shoot(page, artifacts, '48-present-starter-1280x720.png');

      await page.goto(`${url}?present&lesson=07-services`);
      await ready(page);
      await page.waitForFunction(() => document.querySelectorAll('[data-spot]').length >= 4, null, { timeout: 15000 });
      await settled(page);
      const lesson = await smallLabels(page);
      assert(lesson.small.length === 0, `lesson step 1 (zoom ${lesson.zoom}):\n  ${lesson.small.join('\n  ')}`);
      // The narration is a column beside the graph: the graph keeps the height of the room.
      const graph = await page.locator('.react-flow').boundingBox();
      const bar = await page.locator('.narration').boundingBox();
      assert(bar.x >= graph.x + graph.width - 1 && graph.height >= 480, `narration beside a full-height graph: ${JSON.stringify({ graph, bar })}`);
      // The spotlit Service is framed in view.
      const spot = await page.locator('.react-flow__node[data-spot]').first().boundingBox();
      assert(spot.y >= graph.y && spot.x >= graph.x && spot.x + spot.width <= graph.x + graph.width, `the highlighted object is in view: ${JSON.stringify(spot)}`);
      await page.keyboard.press('ArrowRight');
      await page.waitForSelector('.react-flow__node-chain[data-spot]', { timeout: 15000 });
      await settled(page);
      const chains = await smallLabels(page);
      assert(chains.small.length === 0 && chains.seen >= 10, `lesson step 2, data path (zoom ${chains.zoom}, ${chains.seen} labels):\n  ${chains.small.join('\n  ')}`);
      await shoot(page, artifacts, '49-present-datapath-framed-1280x720.png');
      console.log(`      zoom: starter ${starter.zoom}, lesson ${lesson.zoom}, data path ${chains.zoom}; labels checked ${starter.seen}+${lesson.seen}+${chains.seen}`);
      await page.getByRole('button', { name: 'Close the lesson' }).click();
      await page.keyboard.press('Escape');
      await page.setViewportSize({ width: 1600, height: 900 });
    },
  },
  {
    name: 'classroom / ?lang=ko shows the Korean UI (tool output stays English); the picker switches languages',
    run: async ({ page, url, artifacts }) => {
      await page.goto(`${url}?lang=ko`);
      await ready(page);
      assert((await page.getAttribute('html', 'lang')) === 'ko', 'html lang=ko');
      await page.getByRole('button', { name: '레슨', exact: true }).waitFor();
      await page.getByRole('toolbar', { name: '시뮬레이션 시간' }).getByRole('button', { name: '재생' }).waitFor();
      await page.getByRole('tab', { name: '클러스터' }).waitFor();
      assert(/Kubernetes v1\.\d+/.test(await page.getByTestId('k8s-version').innerText()), 'the version line');
      await shoot(page, artifacts, '40-korean.png');
      await page.getByRole('combobox', { name: '언어' }).selectOption('zh-TW');
      await page.getByRole('button', { name: '課程', exact: true }).waitFor();
      assert(new URL(page.url()).searchParams.get('lang') === 'zh-TW', 'the address follows the pick');
      await shoot(page, artifacts, '41-chinese.png');
      await page.getByRole('combobox', { name: '語言' }).selectOption('en');
      await page.getByRole('button', { name: 'Lessons', exact: true }).waitFor();
    },
  },
  {
    name: 'classroom / presentation mode and a lesson by keyboard alone: → steps, the task blocks until the edit is right',
    run: async ({ page, url, artifacts }) => {
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.goto(url);
      await ready(page);
      await page.evaluate(() => localStorage.setItem('kubeplay.dock.v1', 'closed'));
      await page.reload();
      await ready(page);
      await page.keyboard.press('p');
      await page.waitForSelector('html[data-theme="high-contrast"] .app.present');
      await page.keyboard.press('l');
      const picker = page.getByRole('dialog', { name: 'Lessons' });
      await picker.waitFor();
      assert(await picker.evaluate((d) => d.contains(document.activeElement)), 'focus moves into the picker');
      await page.waitForFunction(() => document.querySelectorAll('dialog .picker-item').length === 14, null, { timeout: 5000 });
      // Tab to the lesson and press Enter, as a keyboard user would.
      const item = picker.getByRole('button', { name: /^Services and kube-proxy \(iptables\)/ });
      await item.focus();
      await page.keyboard.press('Enter');
      await page.waitForSelector('.narration .nar-title');
      assert((await stepTitle(page)).startsWith('1/4'), `step 1: ${await stepTitle(page)}`);
      await page.waitForFunction(() => document.querySelectorAll('[data-spot]').length >= 4, null, { timeout: 15000 });
      await shoot(page, artifacts, '42-present-lesson-1280x720.png');

      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => document.querySelector('.nar-title')?.textContent?.startsWith('2/4'));
      await page.waitForSelector('.react-flow__node-chain[data-spot]', { timeout: 15000 });
      await shoot(page, artifacts, '43-present-datapath-1280x720.png');
      await page.keyboard.press('ArrowLeft');
      await page.waitForFunction(() => document.querySelector('.nar-title')?.textContent?.startsWith('1/4'));
      await page.keyboard.press('PageDown');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => document.querySelector('.nar-title')?.textContent?.startsWith('4/4'), null, { timeout: 10000 });
      // The task holds: Next is disabled, → does nothing, the check says what it sees.
      await page.waitForFunction(() => /0 ready endpoints/.test(document.querySelector('.nar-task-state')?.textContent ?? ''), null, { timeout: 15000 });
      assert(await page.locator('.nar-btn.primary').isDisabled(), 'Finish waits for the task');
      await page.keyboard.press('t');
      await page.waitForSelector('html[data-theme="dark"] .app.present');
      await shoot(page, artifacts, '44-present-task-dark-1280x720.png');
      await page.keyboard.press('t');

      // The right edit: show the editor (E), paste the fixed selector into web.yaml.
      await page.keyboard.press('e');
      await page.waitForFunction(() => globalThis.kubeplayEditor?.value().includes('app: frontend'), null, { timeout: 15000 });
      await page.evaluate((t) => navigator.clipboard.writeText(t), fixedWeb);
      await page.click('.monaco-editor .view-lines');
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Control+V');
      await page.waitForSelector('.nar-task.done', { timeout: 20000 });
      assert(!(await page.locator('.nar-btn.primary').isDisabled()), 'Finish is enabled once the check passes');
      await shoot(page, artifacts, '45-present-task-passed-1280x720.png');
      await page.locator('.narration').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('e');
      await page.keyboard.press('ArrowRight');
      await page.waitForSelector('.narration', { state: 'detached' });
      await page.keyboard.press('Escape');
      await page.waitForSelector('.app:not(.present)');
    },
  },
  {
    name: 'classroom / axe-core: no serious or critical violations in normal and presentation modes, dialogs, both themes',
    run: async ({ page, url }) => {
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.goto(`${url}?lesson=03-probes`);
      await ready(page);
      await page.waitForSelector('.nar-title');
      const checked = [await axe(page, 'normal with a lesson')];
      await page.keyboard.press('?');
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
      checked.push(await axe(page, 'shortcuts dialog'));
      await page.keyboard.press('Escape');
      await page.keyboard.press('p');
      await page.waitForSelector('.app.present');
      checked.push(await axe(page, 'presentation, light'));
      await page.keyboard.press('t');
      await page.waitForSelector('html[data-theme="dark"] .app.present');
      checked.push(await axe(page, 'presentation, dark'));
      await page.keyboard.press('t');
      await page.keyboard.press('l');
      await page.getByRole('dialog', { name: 'Lessons' }).waitFor();
      await page.waitForSelector('.picker-item');
      checked.push(await axe(page, 'lesson picker'));
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      console.log(`      axe: 0 serious/critical violations in ${checked.join(', ')}`);
    },
  },
  {
    name: 'themes: one set (light, high-contrast, dark) for the page (?theme=), presentation (T) and embed.html (?theme=); axe-core clean',
    run: async ({ page, url, artifacts }) => {
      await page.setViewportSize({ width: 1280, height: 720 });
      const look = () => page.evaluate(() => {
        const css = getComputedStyle(document.documentElement);
        return { theme: document.documentElement.dataset.theme, vars: ['--ink', '--bg', '--surface', '--line'].map((v) => css.getPropertyValue(v).trim()).join(' '), filter: getComputedStyle(document.body).filter };
      });
      await page.goto(`${url}?theme=dark`);
      await ready(page);
      await page.waitForSelector('.react-flow__node-pod');
      const pageDark = await look();
      assert(pageDark.theme === 'dark' && pageDark.vars.startsWith('#f9fafb #0b0f17'), `the page in dark: ${JSON.stringify(pageDark)}`);
      const checked = [await axe(page, 'page, dark')];
      await page.evaluate(() => localStorage.setItem('kubeplay.present-theme.v1', 'light'));
      await page.keyboard.press('p');
      await page.waitForSelector('.app.present');
      const present = await look();
      assert(present.theme === 'high-contrast' && present.vars.startsWith('#000 #fff'), `presentation starts high-contrast: ${JSON.stringify(present)}`);
      await page.keyboard.press('t');
      await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
      assert((await look()).vars === pageDark.vars, 'presentation dark is the page\'s dark');
      await page.keyboard.press('t');
      await page.keyboard.press('Escape');
      await page.waitForSelector('.app:not(.present)');
      assert((await look()).theme === 'dark', 'leaving presentation gives the page its theme back');

      for (const [theme, ink] of [['dark', '#f9fafb'], ['high-contrast', '#000']]) {
        await page.goto(`${url}embed.html?theme=${theme}&panels=editor,graph,time`);
        await page.waitForSelector('.react-flow__node-pod', { timeout: 20000 });
        const embed = await look();
        assert(embed.theme === theme && embed.vars.startsWith(ink) && embed.filter === 'none', `embed.html?theme=${theme}: ${JSON.stringify(embed)}`);
        if (theme === 'dark') assert(embed.vars === pageDark.vars, `the embed's dark is the page's: ${embed.vars} vs ${pageDark.vars}`);
        await settled(page);
        await page.screenshot({ path: join(artifacts, `50-embed-${theme}.png`) });
        checked.push(await axe(page, `embed, ${theme}`));
      }
      console.log(`      axe: 0 serious/critical violations in ${checked.join(', ')}`);
      await page.setViewportSize({ width: 1600, height: 900 });
      await page.goto(url);
    },
  },
  {
    name: 'classroom / keyboard: the help dialog lists the shortcuts, takes and returns focus',
    run: async ({ page, artifacts }) => {
      const opener = page.getByRole('button', { name: 'Keyboard shortcuts' });
      await opener.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await dialog.waitFor();
      assert((await dialog.locator('kbd').count()) >= 14, 'the shortcuts are listed');
      assert(await dialog.evaluate((d) => d.contains(document.activeElement)), 'focus is in the dialog');
      await shoot(page, artifacts, '46-shortcuts.png');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      assert(await opener.evaluate((b) => b === document.activeElement), 'focus returns to the ? button');
      // Focus is visible: the focused control draws an outline.
      const outline = await opener.evaluate((b) => getComputedStyle(b).outlineStyle);
      assert(outline !== 'none', `visible focus on the ? button: ${outline}`);
    },
  },
  {
    name: 'classroom / a phone renders the playground readable, with no sideways scrolling',
    run: async ({ page, url, artifacts }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${url}?lesson=01-worker-node`);
      await ready(page);
      await page.waitForSelector('.nar-title');
      await page.waitForSelector('.react-flow__node-pod', { timeout: 15000 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert(overflow <= 1, `no horizontal scroll (overflow ${overflow}px)`);
      const graph = await page.locator('.workbench').boundingBox();
      assert(graph && graph.height >= 200 && graph.width >= 300, `the graph has room: ${JSON.stringify(graph)}`);
      await shoot(page, artifacts, '47-phone.png');
      await axe(page, 'phone');
      await page.getByRole('button', { name: 'Close the lesson' }).click();
      await page.setViewportSize({ width: 1600, height: 900 });
    },
  },
];
