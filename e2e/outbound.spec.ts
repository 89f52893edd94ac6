import { expect, test, type Page } from '@playwright/test';
import { appidOf, login, phoneFollowing, unique } from './support';

/**
 * What an account sends on its own: an operator broadcasts from the console composer and watches
 * the fan-out finish; the follower's phone shows a service account's broadcast in its chat and a
 * subscription account's in the 订阅号消息 folder. Then a follower writes, the operator opens the
 * follower's message drawer, sees the open customer-service window and replies; the reply appears
 * on the phone live.
 */
const SERVICE_ACCOUNT = 'gzh 演示服务号';

/** A verified subscription account (the demo one is unverified, and broadcasts need verification). */
async function createVerifiedSubscription(page: Page, name: string): Promise<string> {
  const me = await page.request.get('/api/console/auth/me');
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const res = await page.request.post('/api/console/accounts', {
    headers: { 'x-csrf-token': csrfToken },
    data: { name, type: 'subscription', verified: true },
  });
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { account: { appid: string } }).account.appid;
}

/** Sends a text broadcast to everyone from the composer and waits for the fan-out to finish. */
async function broadcastText(page: Page, appid: string, text: string): Promise<void> {
  await page.goto(`/accounts/${appid}/broadcasts`);
  await page.getByTestId('broadcast-text').fill(text);
  await expect(page.getByTestId('broadcast-reach')).toBeVisible();
  await page.getByTestId('broadcast-send').click();
  await page.getByTestId('broadcast-send-confirm').click();
  const row = page.getByTestId('broadcast-row').filter({ hasText: text });
  await expect(row).toBeVisible();
  // The list polls while the fan-out runs; it ends done, with every follower reached counted.
  await expect(row).toHaveAttribute('data-status', 'SEND_SUCCESS');
  await expect(row.getByTestId('broadcast-progress')).toHaveAttribute('data-percent', '100');
  expect(Number(await row.getByTestId('broadcast-sent').textContent())).toBeGreaterThan(0);
}

test('a service account’s broadcast reaches the follower’s chat live', async ({ page, browser }) => {
  const { phone } = await phoneFollowing(browser, SERVICE_ACCOUNT);
  await phone.getByTestId('enter-button').click();
  await expect(phone.getByTestId('chat-input')).toBeVisible();

  await login(page);
  const appid = await appidOf(page, SERVICE_ACCOUNT);
  const text = unique('本周新品');
  await broadcastText(page, appid, text);

  await expect(phone.locator('[data-testid="chat-message"][data-source="broadcast"]').filter({ hasText: text })).toBeVisible();
  // To the chat list without reloading (the live stream stays): the broadcast is the account's preview.
  await phone.evaluate("window.location.hash = '#/chats'");
  await expect(phone.getByTestId('chat-item').filter({ hasText: SERVICE_ACCOUNT })).toContainText(text);
  // After a reload the same comes from the inbox the phone reads on connecting.
  await phone.reload();
  await expect(phone.getByTestId('chat-item').filter({ hasText: SERVICE_ACCOUNT })).toContainText(text);
});

test('a subscription account’s broadcast is folded under 订阅号消息', async ({ page, browser }) => {
  await login(page);
  const name = unique('订阅号');
  const appid = await createVerifiedSubscription(page, name);
  const { phone } = await phoneFollowing(browser, name);
  await phone.getByTestId('back-button').click();
  await phone.getByTestId('tab-chats').click();

  const text = unique('今日推送');
  await broadcastText(page, appid, text);
  // The composer now says the day's one broadcast is spent.
  await expect(page.getByTestId('broadcast-daily-left')).toBeVisible();

  const folder = phone.getByTestId('subscriptions-item');
  await expect(folder).toContainText(text);
  await expect(folder).toContainText(name);
  await folder.click();
  await expect(phone.getByTestId('subscription-broadcast').filter({ hasText: text })).toContainText(name);
});

test('an operator answers a follower from the followers page inside the window', async ({ page, browser }) => {
  const { phone, nickname } = await phoneFollowing(browser, SERVICE_ACCOUNT);
  await phone.getByTestId('enter-button').click();
  await phone.getByTestId('chat-input').fill('请问有人吗？');
  await phone.getByTestId('chat-send').click();

  await login(page);
  const appid = await appidOf(page, SERVICE_ACCOUNT);
  await page.goto(`/accounts/${appid}/followers`);
  // antd puts the test id on the search input itself or on its wrapper, depending on the version.
  const search = page.locator('input[data-testid="followers-search"], [data-testid="followers-search"] input').first();
  await search.fill(nickname);
  await search.press('Enter');
  const row = page.getByTestId('follower-row').filter({ hasText: nickname });
  await row.getByTestId('follower-message').click();

  const window = page.getByTestId('service-window');
  await expect(window).toHaveAttribute('data-state', 'open');
  await expect(page.getByTestId('service-window-left')).toContainText('5/5');
  const reply = unique('您好，客服在');
  await page.getByTestId('custom-message-text').fill(reply);
  await page.getByTestId('custom-message-send').click();
  await expect(page.getByTestId('custom-message-sent')).toContainText(reply);
  await expect(page.getByTestId('service-window-left')).toContainText('4/5');

  await expect(phone.locator('[data-testid="chat-message"][data-source="custom"]').filter({ hasText: reply })).toBeVisible();

  // A customer-service menu (sent through the console API): tapping an item answers with its text.
  const openid = (await row.getByTestId('follower-message').locator('xpath=ancestor::tr').getAttribute('data-row-key'))!;
  const { csrfToken } = (await (await page.request.get('/api/console/auth/me')).json()) as { csrfToken: string };
  const menu = await page.request.post(`/api/console/accounts/${appid}/followers/${openid}/messages`, {
    headers: { 'x-csrf-token': csrfToken },
    data: {
      msgtype: 'msgmenu',
      headContent: '您对本次服务是否满意？',
      items: [
        { id: '101', content: '满意' },
        { id: '102', content: '不满意' },
      ],
    },
  });
  expect(menu.ok()).toBe(true);
  await phone
    .getByTestId('msgmenu-item')
    .filter({ hasText: /^满意$/ })
    .click();
  await expect(
    phone.locator('[data-testid="chat-message"][data-direction="in"] .bubble').filter({ hasText: /^满意$/ }),
  ).toBeVisible();
});
