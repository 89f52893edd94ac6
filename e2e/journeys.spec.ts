import { expect, test } from '@playwright/test';
import { login } from './support';

/**
 * The two journeys the foundation promises: an operator logs in and sees the demo accounts; a
 * follower follows an account from the phone and the operator sees them in the followers table.
 */
test('an operator logs in and sees the demo accounts', async ({ page }) => {
  await login(page);
  const cards = page.getByTestId('account-card');
  await expect(cards.filter({ hasText: 'gzh 演示订阅号' })).toBeVisible();
  await expect(cards.filter({ hasText: 'gzh 演示服务号' })).toBeVisible();
});

test('a follower follows from the phone and appears in the console', async ({ page, browser }) => {
  const nickname = `e2e-${Date.now().toString(36)}`;
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await phone.goto('/phone/');
  await phone.getByTestId('person-nickname').fill(nickname);
  await phone.getByTestId('person-create').click();
  await phone.getByTestId('tab-discover').click();
  await phone.getByTestId('account-search').fill('演示服务号');
  await phone.getByTestId('account-search').press('Enter');
  await phone.getByTestId('account-result').filter({ hasText: 'gzh 演示服务号' }).click();
  await phone.getByTestId('follow-button').click();
  await expect(phone.getByTestId('following-label')).toBeVisible();

  await login(page);
  await page.getByTestId('account-card').filter({ hasText: 'gzh 演示服务号' }).click();
  await page.waitForURL(/accounts\/wx[0-9a-f]{16}/);
  const appid = /accounts\/(wx[0-9a-f]{16})/.exec(page.url())?.[1];
  expect(appid).toBeTruthy();
  await page.goto(`/accounts/${appid}/followers`);
  await expect(page.getByTestId('followers-table')).toContainText(nickname);
});
