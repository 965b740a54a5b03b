import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** PHQ-2 = 3 (continues to PHQ-9), items 3-8 = 1, item 9 = 1, difficulty, GAD-2 = 0: PHQ-9 total 10. */
export async function answerByKeyboard(page: Page): Promise<void> {
  await page.getByRole('radiogroup', { name: /^1\. Little interest/ }).getByRole('radio', { name: 'Not at all' }).focus();
  for (const key of '21111111') await page.keyboard.press(key);
  // Item 9 above 0: the safety alert appears at once, before any save.
  await page.keyboard.press('1');
  const alert = page.getByRole('dialog').getByRole('alert');
  await alert.waitFor();
  expect(await alert.textContent()).toMatch(/988/);
  for (const key of '100') await page.keyboard.press(key);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Review' }).waitFor();
}
