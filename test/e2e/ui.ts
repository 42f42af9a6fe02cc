// UI-level scenarios: what a user who installed the .vsix sees in the editor. Playwright moves the mouse, presses
// keys and types in code-server's workbench, and every check reads the page (hover widget, tabs, status bar, suggest
// widget, Problems panel, code action menu, code lenses) or the disk (the file a quick fix creates).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { artifactsDir, log, waitFor, type Profile } from './setup';

export interface Outcome {
  name: string;
  ok: boolean;
  /** Pending (it.skip) in the API suite: neither passed nor failed. */
  skipped?: boolean;
  error?: string;
  ms: number;
}

const EDITOR = '.editor-group-container.active .monaco-editor';

/** The visible text of every element matching `selector`, for assertions and for "what was on screen" messages. */
async function visibleText(page: Page, selector: string): Promise<string> {
  const texts = await page.locator(selector).evaluateAll((els) =>
    els.filter((e) => (e as HTMLElement).offsetParent !== null || (e as HTMLElement).getClientRects().length > 0).map((e) => (e as HTMLElement).innerText),
  );
  return texts.join('\n---\n').replace(/\u00a0/g, ' ');
}

/** What is on screen, briefly: the active tab, the status bar, notifications and any open widget. */
async function screenSummary(page: Page): Promise<string> {
  const parts: string[] = [];
  for (const [label, selector] of [
    ['active tab', '.editor-group-container.active .tab.active'],
    ['status bar', '.part.statusbar'],
    ['hover', '.monaco-hover'],
    ['suggest widget', '.suggest-widget'],
    ['action widget', '.action-widget'],
    ['notifications', '.notifications-toasts'],
  ] as const) {
    const text = (await visibleText(page, selector).catch(() => '')).trim();
    if (text) parts.push(`[${label}] ${text.replace(/\s*\n\s*/g, ' | ').slice(0, 600)}`);
  }
  return parts.join('\n') || '(nothing recognisable)';
}

/** The bounding box of `needle` in the active editor's rendered lines (undefined while it is not rendered). */
async function textBox(page: Page, needle: string): Promise<{ x: number; y: number; width: number; height: number } | undefined> {
  return page.evaluate(
    ({ needle, editor }) => {
      for (const line of Array.from(document.querySelectorAll(`${editor} .view-lines .view-line`))) {
        const at = (line.textContent ?? '').replace(/\u00a0/g, ' ').indexOf(needle);
        if (at < 0) continue;
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        let offset = 0;
        let started = false;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const length = node.textContent?.length ?? 0;
          if (!started && at < offset + length) {
            range.setStart(node, at - offset);
            started = true;
          }
          if (started && at + needle.length <= offset + length) {
            range.setEnd(node, at + needle.length - offset);
            const r = range.getBoundingClientRect();
            return { x: r.x, y: r.y, width: r.width, height: r.height };
          }
          offset += length;
        }
      }
      return undefined;
    },
    { needle, editor: EDITOR },
  );
}

/** The text of the line the cursor is on in the active editor (matched by the current-line highlight's position). */
async function cursorLineText(page: Page): Promise<string | undefined> {
  return page.evaluate((editor) => {
    const highlight = document.querySelector<HTMLElement>(`${editor} .view-overlays .current-line`)?.parentElement;
    if (!highlight) return undefined;
    const line = Array.from(document.querySelectorAll<HTMLElement>(`${editor} .view-lines .view-line`)).find((l) => l.style.top === highlight.style.top);
    return line?.textContent?.replace(/\u00a0/g, ' ');
  }, EDITOR);
}

async function statusBarText(page: Page): Promise<string> {
  return visibleText(page, '.part.statusbar');
}

/** Quick Open (Ctrl+P) the workspace file `rel` and wait until its editor is active and rendered. */
async function openFile(page: Page, rel: string): Promise<void> {
  const name = path.basename(rel);
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.type(rel);
  const first = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first();
  await waitFor(`Quick Open to list ${rel}`, async () => (await first.getAttribute('aria-label'))?.startsWith(name), {
    seen: () => visibleText(page, '.quick-input-widget'),
  });
  await page.keyboard.press('Enter');
  await waitFor(`${rel} to be the active editor`, async () => (await visibleText(page, '.editor-group-container.active .tab.active')).includes(name), { seen: () => screenSummary(page) });
  await page.locator(`${EDITOR} .view-lines .view-line`).first().waitFor({ state: 'visible', timeout: 10_000 });
}

/**
 * Hovers `needle` in the active editor until the hover widget shows text matching `ready`. A mouse move the workbench
 * misses (a busy machine) is retried by moving away and back, as a user would.
 */
async function hoverText(page: Page, needle: string, ready: (text: string) => boolean): Promise<string> {
  const box = await waitFor(`${needle} to be rendered`, () => textBox(page, needle), { seen: () => screenSummary(page) });
  const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(at.x, at.y, { steps: 4 });
  // Retry with growing patience: moving away cancels a hover that is still being computed on a busy machine.
  let retryAt = Date.now() + 5000;
  let patience = 5000;
  return waitFor(
    `the hover widget over ${needle}`,
    async () => {
      const text = await visibleText(page, '.monaco-hover');
      if (ready(text)) return text;
      if (!text && Date.now() > retryAt) {
        patience *= 2;
        retryAt = Date.now() + patience;
        await page.mouse.move(at.x, at.y + 60, { steps: 2 });
        await page.mouse.move(at.x, at.y, { steps: 4 });
      }
      return undefined;
    },
    { seen: async () => `hover: ${await visibleText(page, '.monaco-hover')}\n${await screenSummary(page)}` },
  );
}

/** Shows the Problems panel filtered by `filter` (the list is virtualized: only rows in view are rendered). */
async function problemsFiltered(page: Page, filter: string): Promise<void> {
  await page.keyboard.press('Control+Shift+M');
  const input = page.locator('.markers-panel-container .monaco-inputbox input, .panel .viewpane-filter input').first();
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(filter);
}

/** Clicks inside `needle` (at `fraction` of its width) in the active editor: puts the cursor there. */
async function clickText(page: Page, needle: string, fraction = 0.5): Promise<{ x: number; y: number }> {
  const box = await waitFor(`"${needle}" to be rendered in the editor`, () => textBox(page, needle), { seen: () => screenSummary(page) });
  const point = { x: box.x + box.width * fraction, y: box.y + box.height / 2 };
  await page.mouse.click(point.x, point.y);
  return point;
}

/** Screenshots go to a staging dir; they replace test/e2e/screenshots/ only when the whole run passes. */
export const stagedScreenshotsDir = path.join(artifactsDir, 'screenshots');

async function shoot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(stagedScreenshotsDir, { recursive: true });
  // A widget still fading in is half transparent (a hover caught mid-fade showed the code through it): wait up to 2 s
  // for the workbench's finite animations to end (a spinner's never does, and is no reason to wait).
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity), undefined, { timeout: 2000 })
    .catch(() => undefined);
  await page.screenshot({ path: path.join(stagedScreenshotsDir, `${name}.png`) });
}

// ---------------------------------------------------------------------------------------------------------------

type Scenario = (page: Page, profile: Profile) => Promise<void>;

const scenarios: [string, Scenario][] = [
  [
    'the extension activates and indexes the workspace (status bar)',
    async (page) => {
      await waitFor('the status bar item "N clauses · N% covered"', async () => /\d+ clauses · \d+% covered/.test(await statusBarText(page)), {
        timeoutMs: 60_000,
        seen: () => screenSummary(page),
      });
    },
  ],
  [
    'hover on [^au3f] in src/auth/session.ts shows the clause and "Cited by"',
    async (page) => {
      await openFile(page, 'src/auth/session.ts');
      const hover = await hoverText(page, '[^au3f]', (text) => text.includes('footnote clause'));
      for (const expected of ['Sessions', 'au3f', 'footnote clause', 'authority root', 'Idle sessions expire after 30 minutes', 'Cited by 1 implementation · 1 test']) {
        if (!hover.includes(expected)) throw new Error(`The hover lacks "${expected}". Hover text:\n${hover}`);
      }
      // The example file is rendered as Markdown: "Example" in bold, each list item on its own line, no raw ** [^hv5x].
      const bold = await waitFor('"Example" rendered bold in the hover', async () => {
        const texts = await page.locator('.monaco-hover strong').allInnerTexts();
        return texts.includes('Example') ? texts : undefined;
      }, { seen: () => visibleText(page, '.monaco-hover') });
      const items = await page.locator('.monaco-hover li').allInnerTexts();
      if (!items.some((t) => t.startsWith('Compliant: a request at 10:31')) || !items.some((t) => t.startsWith('Non-compliant: the request at 10:31'))) {
        throw new Error(`The example's list is not rendered as list items: ${JSON.stringify(items)} (bold: ${JSON.stringify(bold)})`);
      }
      const shown = await visibleText(page, '.monaco-hover');
      if (shown.includes('**Example**')) throw new Error(`The hover shows raw ** markup:\n${shown}`);
      if (!/Examples for \[\^au3f\] in Sessions:\s*\n[\s\S]*Given: a customer signed in/.test(shown)) throw new Error(`The example is not on several lines:\n${shown}`);
      await shoot(page, 'hover');
    },
  ],
  [
    'F12 on the citation opens specs/auth.md on the clause line',
    async (page) => {
      await page.keyboard.press('Escape');
      await clickText(page, '[^au3f]');
      await page.keyboard.press('F12');
      await waitFor('specs/auth.md to be the active editor', async () => (await visibleText(page, '.editor-group-container.active .tab.active')).includes('auth.md'), {
        seen: () => screenSummary(page),
      });
      const breadcrumbs = await visibleText(page, '.editor-group-container.active .breadcrumbs-control');
      if (!/specs[\s\S]*auth\.md/.test(breadcrumbs)) throw new Error(`The breadcrumbs do not show specs › auth.md: ${breadcrumbs}`);
      await waitFor('the cursor on line 7 (Ln 7 in the status bar)', async () => /Ln 7, Col \d+/.test(await statusBarText(page)), { seen: () => screenSummary(page) });
      const line = await waitFor('the cursor line to be rendered', () => cursorLineText(page));
      if (!line.includes('Idle sessions expire after 30 minutes[^au3f]')) throw new Error(`The cursor is on "${line}", not on the clause line`);
      await shoot(page, 'definition');
    },
  ],
  [
    'code lenses above the heading clauses of specs/auth.md count implementations and tests, "not cited" where nothing does',
    async (page) => {
      const lenses = await waitFor(
        'the code lens "0 implementations · 0 tests · 2 citations of clauses inside" above Sessions',
        async () => {
          const text = await visibleText(page, `${EDITOR} .codelens-decoration`);
          return text.includes('0 implementations · 0 tests · 2 citations of clauses inside') ? text : undefined;
        },
        { seen: async () => `code lenses: ${await visibleText(page, `${EDITOR} .codelens-decoration`)}\n${await screenSummary(page)}` },
      );
      if (!lenses.includes('not cited')) throw new Error(`No "not cited" lens above Account recovery. Lenses:\n${lenses}`);
      if (lenses.includes('[^au3f]')) throw new Error(`A lens above the cited footnote [^au3f] [^lz2q]. Lenses:\n${lenses}`);
      await page.mouse.move(1200, 700);
      await shoot(page, 'code-lens');
    },
  ],
  [
    'the Problems panel lists the unknown id rf9z with the suggestion rf9x',
    async (page) => {
      await page.keyboard.press('Control+Shift+M');
      const rows = await waitFor(
        'a Problems entry for rf9z',
        async () => {
          const text = await visibleText(page, '.markers-panel .monaco-list-row');
          return text.includes('rf9z') ? text : undefined;
        },
        { seen: async () => `Problems panel: ${await visibleText(page, '.markers-panel')}\n${await screenSummary(page)}` },
      );
      for (const expected of ['charge.py', 'Unknown clause id `rf9z`; did you mean `rf9x`?', 'Missing example file for `[^lk2m]`']) {
        if (!rows.includes(expected)) throw new Error(`The Problems panel lacks "${expected}". Rows:\n${rows}`);
      }
      await shoot(page, 'problems');
      await page.keyboard.press('Control+J'); // hide the panel again
    },
  ],
  [
    'the quick fix "Create example file" creates examples/lk2m.md with the template',
    async (page, profile) => {
      const created = path.join(profile.workspace, 'examples', 'lk2m.md');
      if (fs.existsSync(created)) throw new Error(`${created} exists before the quick fix`);
      await openFile(page, 'specs/auth.md');
      await clickText(page, '[^lk2m]');
      await page.keyboard.press('Control+.');
      const item = page.locator('.action-widget .monaco-list-row').filter({ hasText: 'Create example file examples/lk2m.md' });
      await waitFor(
        'the quick fix menu with "Create example file examples/lk2m.md"',
        async () => {
          if ((await item.count()) > 0 && (await item.first().isVisible())) return true;
          // The workbench cancels a Ctrl+. request that races a cursor or model event and then shows "No code actions
          // available": press it again, as a user would. A missing action still fails at the deadline.
          if ((await visibleText(page, '.monaco-editor-overlaymessage, .context-view, .monaco-hover')).includes('No code actions available')) {
            await page.keyboard.press('Escape');
            await page.keyboard.press('Control+.');
          }
          return false;
        },
        { seen: async () => `code action menu: ${await visibleText(page, '.action-widget')}\n${await screenSummary(page)}` },
      );
      // The menu is a context view that blocks pointer events around it: choose with the keyboard, as users do.
      const focused = page.locator('.action-widget .monaco-list-row.focused');
      for (let i = 0; i < 10 && !((await focused.getAttribute('aria-label').catch(() => '')) ?? '').startsWith('Create example file'); i++) {
        await page.keyboard.press('ArrowDown');
      }
      await shoot(page, 'quick-fix');
      const chosen = await focused.getAttribute('aria-label');
      if (chosen !== 'Create example file examples/lk2m.md') throw new Error(`Could not select the quick fix; focused: ${chosen}\nMenu: ${await visibleText(page, '.action-widget')}`);
      await page.keyboard.press('Enter');
      const content = await waitFor(
        'examples/lk2m.md with the template on disk',
        () => {
          const text = fs.existsSync(created) ? fs.readFileSync(created, 'utf8') : undefined;
          return text?.startsWith('Examples for [^lk2m] in Passwords:') ? text : undefined;
        },
        { seen: async () => `on disk: ${fs.existsSync(created) ? JSON.stringify(fs.readFileSync(created, 'utf8').slice(0, 200)) : '(no file)'}\n${await screenSummary(page)}` },
      );
      if (!/## Compliant[\s\S]*## Non-compliant[\s\S]*## Edge cases/.test(content)) throw new Error(`The created file lacks the template sections:\n${content}`);
      // …and opens it in an editor, to be filled in [^ce8o].
      await waitFor('examples/lk2m.md to be the active editor', async () => (await visibleText(page, '.editor-group-container.active .tab.active')).includes('lk2m.md'), {
        seen: () => screenSummary(page),
      });
      await waitFor('the template in the editor', () => textBox(page, 'Examples for [^lk2m] in Passwords:'), { seen: () => screenSummary(page) });
    },
  ],
  [
    'typing [^ in a comment opens the suggest widget with clause ids',
    async (page) => {
      await openFile(page, 'src/auth/session.ts');
      await clickText(page, 'return EMAIL.test(s);');
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('// see [^', { delay: 30 });
      const rows = page.locator('.suggest-widget .monaco-list-row');
      await waitFor('the suggest widget listing au3f', async () => (await visibleText(page, '.suggest-widget .monaco-list-row')).includes('au3f'), {
        seen: async () => `suggest widget: ${await visibleText(page, '.suggest-widget')}\n${await screenSummary(page)}`,
      });
      const labels = await visibleText(page, '.suggest-widget .monaco-list-row');
      for (const id of ['au3f', 'rf9x', 'passwords']) if (!labels.includes(id)) throw new Error(`The suggest widget lacks ${id}:\n${labels}`);
      if (!/(root|user) · (footnote|heading) clause — /.test(labels)) throw new Error(`The focused suggestion shows no clause detail:\n${labels}`);
      log(`suggest widget: ${(await rows.count())} rows`);
      await shoot(page, 'completion');
      await page.keyboard.type('au3', { delay: 30 });
      await waitFor('au3f to be the selected suggestion', async () => (await visibleText(page, '.suggest-widget .monaco-list-row.focused')).includes('au3f'), {
        seen: () => visibleText(page, '.suggest-widget'),
      });
      await page.keyboard.press('Enter');
      const line = await waitFor('the accepted completion in the editor', async () => {
        const text = await cursorLineText(page);
        return text?.includes('[^au3f') ? text : undefined;
      }, { seen: () => screenSummary(page) });
      if (line.trim() !== '// see [^au3f]') throw new Error(`Accepting au3f left "${line.trim()}", expected "// see [^au3f]"`);
    },
  ],
  [
    'F2 renames the id everywhere, the example file too',
    async (page, profile) => {
      const example = (id: string): string => path.join(profile.workspace, 'examples', `${id}.md`);
      await clickText(page, '[^au3f]');
      await page.keyboard.press('F2');
      const input = page.locator('.rename-box input');
      await waitFor('the rename input with "au3f"', async () => (await input.isVisible()) && (await input.inputValue()) === 'au3f', { seen: () => screenSummary(page) });
      // Into the rename box itself: on a loaded machine the box can be visible a moment before it has the focus, and
      // keys sent to the page then edit the document instead (which cancels the rename).
      await input.fill('se55');
      await input.press('Enter');
      await waitFor('examples/au3f.md renamed to examples/se55.md on disk', () => fs.existsSync(example('se55')) && !fs.existsSync(example('au3f')), {
        seen: async () => `examples/: ${fs.readdirSync(path.dirname(example('x'))).join(', ')}\n${await screenSummary(page)}\n${(await visibleText(page, '.notifications-toasts')) || ''}`,
      });
      await waitFor('[^se55] in the editor', () => textBox(page, '[^se55]'), { seen: () => screenSummary(page) });
    },
  ],
];

/** The same features on the real OpenAI Model Spec (80 heading and 116 footnote clauses, 114 example files). */
const modelSpecScenarios: [string, Scenario][] = [
  [
    'Model Spec: the status bar counts its 196 clauses',
    async (page) => {
      await waitFor('the status bar item "196 clauses"', async () => /196 clauses/.test(await statusBarText(page)), { timeoutMs: 60_000, seen: () => screenSummary(page) });
    },
  ],
  [
    'Model Spec: hover on [^8ep1] shows its section, authority and example file',
    async (page) => {
      await openFile(page, 'model_spec.md');
      await page.keyboard.press('Control+G');
      await page.keyboard.type('173');
      await page.keyboard.press('Enter');
      // On this 4,700-line document the pointer hover is timing-sensitive in headless chromium; the keyboard
      // (Show Hover, Ctrl+K Ctrl+I) asks the same hover providers for the same widget.
      await clickText(page, '[^8ep1]');
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      const hover = await waitFor(
        'the hover widget over [^8ep1]',
        async () => {
          const text = await visibleText(page, '.monaco-hover');
          return text.includes('footnote clause') ? text : undefined;
        },
        { seen: async () => `hover: ${await visibleText(page, '.monaco-hover')}\n${await screenSummary(page)}` },
      );
      for (const expected of ['The chain of command', '8ep1', 'Above all else, the assistant must adhere to this Model Spec', 'Example: examples/8ep1.md']) {
        if (!hover.includes(expected)) throw new Error(`The hover lacks "${expected}". Hover text:\n${hover}`);
      }
    },
  ],
  [
    'Model Spec: the Outline nests the footnotes under their sections, named by their words',
    async (page) => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'visible', timeout: 10_000 });
      await page.keyboard.type('Explorer: Focus on Outline View');
      await waitFor('the command "Focus on Outline View"', async () => (await visibleText(page, '.quick-input-widget .monaco-list-row.focused')).includes('Focus on Outline View'), {
        seen: () => visibleText(page, '.quick-input-widget'),
      });
      await page.keyboard.press('Enter');
      // The Outline shares the sidebar with the file tree and renders only the rows in view: fold the file tree away.
      const folders = page.locator('.explorer-viewlet .pane-header').filter({ hasText: /model_spec/i });
      if ((await folders.getAttribute('aria-expanded').catch(() => null)) === 'true') await folders.click();
      /** The outline's rendered rows in list order: label and depth (aria-level). */
      const rows = async (): Promise<{ index: number; level: number; label: string }[]> =>
        (
          await page.locator('.outline-pane .monaco-list-row').evaluateAll((els) =>
            els.map((e) => ({ index: Number(e.getAttribute('data-index')), level: Number(e.getAttribute('aria-level')), label: (e as HTMLElement).innerText.replace(/\s+/g, ' ').trim() })),
          )
        ).sort((a, b) => a.index - b.index);
      const footnote = await waitFor(
        'the row "[^8ep1] Above all else, the assistant must adhere to this Model Spec" in the Outline',
        async () => {
          const list = await rows();
          const chain = list.find((r) => r.label.startsWith('The chain of command') && r.label.includes('{#chain_of_command}'));
          const row = list.find((r) => r.label.startsWith('[^8ep1] Above all else, the assistant must adhere to this Model Spec'));
          if (row) return { row, list };
          // When the Markdown extension's symbols arrived too, the Outline groups the two providers: open ours.
          const group = list.find((r) => r.level === 1 && r.label === 'Spec Clarifier');
          // Its twistie, as a user would: a click on the label of a selected row only selects it (seen in CI: the
          // group stayed collapsed for the whole minute).
          if (group) await page.locator(`.outline-pane .monaco-list-row[data-index="${group.index}"][aria-expanded="false"] .monaco-tl-twistie`).click().catch(() => undefined);
          // A collapsed section: expand it the same way.
          if (chain) await page.locator(`.outline-pane .monaco-list-row[data-index="${chain.index}"][aria-expanded="false"] .monaco-tl-twistie`).click().catch(() => undefined);
          return undefined;
        },
        { timeoutMs: 60_000, seen: async () => `outline: ${JSON.stringify((await rows()).slice(0, 20))}\n${await screenSummary(page)}` },
      );
      const parent = [...footnote.list].reverse().find((r) => r.index < footnote.row.index && r.level === footnote.row.level - 1);
      if (!parent?.label.startsWith('The chain of command')) {
        throw new Error(`[^8ep1] is not nested under "The chain of command" (its parent row: ${JSON.stringify(parent)}); rows: ${JSON.stringify(footnote.list.slice(0, 20))}`);
      }
      if (footnote.list.some((r) => r.level === 1 && r.label.startsWith('[^'))) throw new Error(`Footnotes at the top level of the Outline: ${JSON.stringify(footnote.list)}`);
      await shoot(page, 'outline');
    },
  ],
  [
    'Model Spec: Problems lists the four missing and two unused examples, and vague wording',
    async (page) => {
      await page.keyboard.press('Escape');
      await problemsFiltered(page, 'example file');
      await waitFor(
        'Problems entries for the four missing and two unused examples',
        async () => {
          const text = await visibleText(page, '.markers-panel');
          return ['d0pu', 'h82a', 'rse0', 't5q0', '91ld', 'lds1'].every((id) => text.includes(id)) ? text : undefined;
        },
        { seen: async () => `Problems panel: ${(await visibleText(page, '.markers-panel')).slice(0, 1500)}\n${await screenSummary(page)}` },
      );
      // "When possible, citations should be used to validate any provided personal data." (an escape clause nothing
      // nearby answers; "as appropriate" followed by a link to the section that says when is no longer a finding).
      await problemsFiltered(page, 'When possible');
      await waitFor('a Problems entry for "When possible" (ambiguity.escape)', async () => (await visibleText(page, '.markers-panel')).includes('ambiguity.escape'), {
        seen: async () => `Problems panel: ${(await visibleText(page, '.markers-panel')).slice(0, 1500)}`,
      });
      await shoot(page, 'model-spec-problems');
      await problemsFiltered(page, '');
      await page.keyboard.press('Control+J');
    },
  ],
];

export function runModelSpecScenarios(page: Page, profile: Profile): Promise<Outcome[]> {
  return runScenarios(modelSpecScenarios, page, profile);
}

export function runUiScenarios(page: Page, profile: Profile): Promise<Outcome[]> {
  return runScenarios(scenarios, page, profile);
}

/** Runs scenarios in order on an open workbench; a failure is recorded with a screenshot and the rest go on. */
async function runScenarios(list: [string, Scenario][], page: Page, profile: Profile): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const [name, scenario] of list) {
    const started = Date.now();
    try {
      await scenario(page, profile);
      outcomes.push({ name, ok: true, ms: Date.now() - started });
      log(`  ✓ ${name} (${Date.now() - started} ms)`);
    } catch (err) {
      fs.mkdirSync(artifactsDir, { recursive: true });
      const shot = path.join(artifactsDir, `failure-${outcomes.length + 1}.png`);
      await page.screenshot({ path: shot }).catch(() => undefined);
      const error = `${(err as Error).message}\nScreenshot: ${shot}`;
      outcomes.push({ name, ok: false, error, ms: Date.now() - started });
      log(`  ✗ ${name}\n${error.replace(/^/gm, '      ')}`);
      await page.keyboard.press('Escape').catch(() => undefined);
    }
  }
  return outcomes;
}
