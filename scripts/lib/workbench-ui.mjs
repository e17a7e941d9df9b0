// Drives the VS Code workbench page (code-server in Chromium, via playwright-core) as a person would:
// the Problems panel, opening a file from a problem, hovering a squiggle. Used by try.mjs --check and
// screenshot.mjs. Every wait has a deadline.
/* global document -- the callbacks of waitForFunction and evaluate run in the page */

/** Waits until the status bar counts at least one problem. */
export async function waitForAnyProblem(page, timeout = 60_000) {
  await page.waitForFunction(
    () => {
      const el = document.getElementById('status.problems');
      const label = el?.getAttribute('aria-label') ?? '';
      return label !== '' && !/No Problems/i.test(label);
    },
    null,
    { timeout, polling: 250 },
  );
  return page.locator('#status\\.problems').getAttribute('aria-label');
}

/** Opens the Problems panel (if closed) and waits for rows from the `concerns` source. */
export async function showConcernProblems(page, timeout = 60_000) {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible().catch(() => false))) await page.locator('#status\\.problems').click();
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'concerns' }).first();
  await row.waitFor({ state: 'visible', timeout });
  return page.locator('.markers-panel .monaco-list-row').allInnerTexts();
}

/** Opens the file of the first `concerns` problem at its location by clicking the problem. */
export async function openFirstConcern(page, timeout = 30_000) {
  const marker = page.locator('.markers-panel .monaco-list-row', { hasText: 'concerns' }).first();
  await marker.click();
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout });
  // The squiggle decoration is there once the editor has rendered the diagnostics.
  const squiggle = page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error, .monaco-editor .squiggly-info, .monaco-editor .squiggly-hint').first();
  await squiggle.waitFor({ state: 'attached', timeout });
  return squiggle;
}

/** Hovers the first squiggle in the editor and waits for the hover that shows the concern. */
export async function hoverSquiggle(page, squiggle, timeout = 30_000) {
  const box = await squiggle.boundingBox();
  if (!box) throw new Error('the diagnostic squiggle has no box on screen');
  await page.mouse.move(box.x + Math.min(40, box.width / 2), box.y + box.height / 2);
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'concerns' }).first();
  await hover.waitFor({ state: 'visible', timeout });
  return hover.innerText();
}

/** Closes notifications toasts so they do not cover screenshots. */
export async function clearNotifications(page) {
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('.notifications-toasts .notification-toast-container')) el.remove();
  });
}

/**
 * Opens the Concerns view from its activity-bar icon and waits for its first rows; expands the
 * first concern of the first group that has references, so the sidebar shows all three levels.
 */
export async function showConcernsView(page, timeout = 30_000) {
  // Forced: the badge covers the icon, and a click on it reaches the item all the same.
  await page.locator('.activitybar .action-item .action-label[aria-label^="Concerns"]').first().click({ force: true });
  const rows = page.locator('.pane-body .monaco-list-row');
  const concern = rows.filter({ has: page.locator('.monaco-tl-twistie.collapsible.collapsed') }).first();
  await concern.waitFor({ state: 'visible', timeout });
  await concern.locator('.monaco-tl-twistie').click();
  await page.locator('.pane-body .monaco-list-row[aria-level="3"]').first().waitFor({ state: 'visible', timeout });
  return rows.allInnerTexts();
}

/** Puts the cursor on the squiggle and opens the quick-fix menu (Ctrl+.), waiting for its items. */
export async function openQuickFix(page, squiggle, timeout = 30_000) {
  const box = await squiggle.boundingBox();
  if (!box) throw new Error('the diagnostic squiggle has no box on screen');
  await page.mouse.click(box.x + Math.min(20, box.width / 2), box.y + box.height / 2);
  await page.keyboard.press('Escape'); // a hover the click opened
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget', { hasText: 'Concerns view' }).first();
  await menu.waitFor({ state: 'visible', timeout });
  return menu.innerText();
}
