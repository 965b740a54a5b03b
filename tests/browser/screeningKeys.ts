import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * PHQ-2 = 3 (continues to PHQ-9), items 3-8 = 1, item 9 = 1, GAD-2 = 1 + 0, difficulty by its
 * own key: PHQ-9 total 10. The dialog opens with focus on item 1 (no Tab first).
 */
export async function answerByKeyboard(page: Page): Promise<void> {
  const dialog = page.getByRole('dialog');
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-question]')?.getAttribute('data-question'))).toBe('44250-9');
  for (const key of '21111111') await page.keyboard.press(key);
  // Item 9 above 0: the safety alert appears at once, before any save.
  await page.keyboard.press('1');
  const alert = dialog.getByRole('alert');
  await alert.waitFor();
  expect(await alert.textContent()).toMatch(/988/);
  // The next digit is meant for GAD item 1, and lands there, not on the difficulty question.
  await page.keyboard.press('1');
  expect(
    await dialog
      .getByRole('radiogroup', { name: /^1\. Feeling nervous/ })
      .getByRole('radio', { name: 'Several days' })
      .isChecked(),
  ).toBe(true);
  const difficulty = dialog.getByRole('radiogroup', { name: /^If you checked off any problems/ });
  expect(await difficulty.getByRole('radio', { checked: true }).count()).toBe(0);
  await page.keyboard.press('0');
  // The safety banner sits outside the scrolling form: it never covers the focused question.
  const focused = await page.evaluate(() => document.activeElement?.getBoundingClientRect().toJSON() as DOMRect);
  const banner = (await alert.boundingBox())!;
  expect(focused.top >= banner.y + banner.height || focused.top + focused.height <= banner.y).toBe(true);
  await difficulty.getByRole('radio', { name: 'Somewhat difficult' }).focus();
  await page.keyboard.press('s');
  expect(await difficulty.getByRole('radio', { name: 'Somewhat difficult' }).isChecked()).toBe(true);
  // Finish is in the footer, in view without scrolling.
  await dialog.getByRole('button', { name: 'Finish screening' }).press('Enter');
  await page.getByRole('heading', { name: 'Review' }).waitFor();
}

/**
 * The patient view's word that the whole screening is in the chart: shown once every record
 * saved and the dialog closed. Not a bare "saved to the chart" text match: the review step's
 * own notice ("Will be saved to the chart: …") holds those words while the writes are still
 * in flight, and a test that waited on it read the server mid-save.
 */
export function screeningSavedNotice(page: Page) {
  return page.getByTestId('screening-saved').filter({ hasText: /^Screening saved to the chart at \d{2}:\d{2}\.$/ });
}
