import { expect, type Browser, type Page } from '@playwright/test';
import { E2E_ADMIN_PASSWORD } from '../playwright.config';

/**
 * What the browser journeys share: the operator's login to the console, finding an account's
 * AppID by its name, and a new person on the phone who follows an account. Not a spec itself
 * (Playwright only runs `*.spec.ts`).
 */

/** A value no earlier run used (the e2e server keeps its data for the whole run). */
export const unique = (prefix: string): string => `${prefix}-${Date.now().toString(36)}`;

/** Logs in as the first-run owner and waits for the account cards. */
export async function login(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByTestId('login-username').fill('admin');
  await page.getByTestId('login-password').fill(E2E_ADMIN_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('account-card').first()).toBeVisible();
}

/** Opens the account called `name` from the account cards and returns its AppID. */
export async function appidOf(page: Page, name: string): Promise<string> {
  await page.getByTestId('account-card').filter({ hasText: name }).click();
  await page.waitForURL(/accounts\/wx[0-9a-f]{16}/);
  return /accounts\/(wx[0-9a-f]{16})/.exec(page.url())![1]!;
}

/**
 * A new person on a phone-sized page who finds `accountName` and follows it; with `enterChat`
 * the chat is open on return. Returns the page and the person's nickname.
 */
export async function phoneFollowing(
  browser: Browser,
  accountName: string,
  options: { nicknamePrefix?: string; enterChat?: boolean } = {},
): Promise<{ phone: Page; nickname: string }> {
  const nickname = unique(options.nicknamePrefix ?? 'reader');
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await phone.goto('/phone/');
  await phone.getByTestId('person-nickname').fill(nickname);
  await phone.getByTestId('person-create').click();
  await phone.getByTestId('tab-discover').click();
  await phone.getByTestId('account-search').fill(accountName);
  await phone.getByTestId('account-search').press('Enter');
  await phone.getByTestId('account-result').filter({ hasText: accountName }).click();
  await phone.getByTestId('follow-button').click();
  await expect(phone.getByTestId('following-label')).toBeVisible();
  if (options.enterChat) {
    await phone.getByTestId('enter-button').click();
    await expect(phone.getByTestId('chat-input')).toBeVisible();
  }
  return { phone, nickname };
}
