import { expect, test, type Locator, type Page } from '@playwright/test';
import { appidOf, login, phoneFollowing, unique } from './support';

/**
 * What an account publishes: an operator sets the service account's industries, adds a template
 * from the library and sends a test notice, and the follower's phone draws the notice card with
 * the values filled in; an operator writes an article with bold text and an uploaded cover, saves
 * and publishes it, and the article's public page shows the title, the bold text and the cover.
 */
const SERVICE_ACCOUNT = 'gzh 演示服务号';

/** A 1×1 PNG: the smallest image the material library accepts as a cover. */
const COVER_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Opens an antd Select, narrows it by typing `search`, and picks the option containing `option`. */
async function pick(page: Page, select: Locator, search: string | null, option: string): Promise<void> {
  await select.click();
  if (search) await page.keyboard.type(search);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
}

test('a template notice sent from the console shows up as a card on the follower’s phone', async ({ page, browser }) => {
  const { phone, nickname } = await phoneFollowing(browser, SERVICE_ACCOUNT, { nicknamePrefix: 'notice', enterChat: true });

  await login(page);
  const appid = await appidOf(page, SERVICE_ACCOUNT);
  await page.goto(`/accounts/${appid}/templates`);

  // Industries: the library offers the account's industry first; set 互联网|电子商务 when unset.
  const industry = page.getByTestId('template-industry');
  await expect(industry).toContainText('主营行业：');
  if (!(await industry.locator('.ant-typography').first().textContent())?.includes('互联网|电子商务')) {
    await pick(page, page.getByTestId('industry-primary'), '互联网', 'IT科技 / 互联网|电子商务');
    await pick(page, page.getByTestId('industry-secondary'), 'IT软件', 'IT科技 / IT软件与服务');
    await industry.locator('button[type="submit"]').click();
    await expect(industry.locator('.ant-typography').first()).toContainText('IT科技 / 互联网|电子商务');
  }

  // The library opens on that industry; 订单支付成功 (TM00015) is one of its classic templates.
  await page.getByTestId('open-library').click();
  const entry = page.getByTestId('library-table').locator('tr[data-row-key="TM00015"]');
  await expect(entry).toContainText('订单支付成功');
  await entry.getByRole('button').click();
  await expect(page.locator('.ant-message')).toContainText('订单支付成功');
  await page.locator('.ant-modal-close').click();
  await expect(page.getByTestId('templates-table')).toContainText('订单支付成功');

  // The send panel: the template just added, the follower, the values; then send.
  await pick(page, page.getByTestId('send-template'), null, '订单支付成功');
  await pick(page, page.getByTestId('send-follower'), nickname, nickname);
  const amount = '¥66.80';
  const product = unique('机械键盘');
  await page.getByTestId('field-first').fill('您的订单已支付成功。');
  await page.getByTestId('field-orderMoneySum').fill(amount);
  await page.getByTestId('field-orderProductName').fill(product);
  await page.getByTestId('send-submit').click();
  await expect(page.locator('.ant-message')).toContainText('msgid');

  // The follower's chat draws the card live: the template's title and each value in its place.
  const card = phone.getByTestId('template-card').filter({ hasText: product });
  await expect(card).toBeVisible();
  await expect(card.locator('.tpl-title')).toHaveText('订单支付成功');
  await expect(card.locator('[data-field="orderMoneySum"]')).toHaveText(amount);
  await expect(card.locator('[data-field="orderProductName"]')).toHaveText(product);
  await expect(card).toContainText('支付金额');
});

test('an article written in the editor is published and readable on its page', async ({ page }) => {
  await login(page);
  const appid = await appidOf(page, SERVICE_ACCOUNT);
  await page.goto(`/accounts/${appid}/articles`);
  await page.getByTestId('article-new').click();
  await page.waitForURL(/\/articles\/new$/);

  const title = unique('春季新品上市');
  const bold = unique('限时八折');
  await page.locator('input[data-testid="article-title"], [data-testid="article-title"] input').first().fill(title);

  // Content: a plain sentence, then the bold words selected and made bold from the toolbar.
  const content = page.getByTestId('article-content');
  await content.click();
  await page.keyboard.type('欢迎来到本店，');
  await page.keyboard.type(bold);
  for (let i = 0; i < bold.length; i += 1) await page.keyboard.press('Shift+ArrowLeft');
  await page.getByTestId('rte-bold').click();
  await expect(content.locator('b, strong')).toHaveText(bold);

  // Cover: uploaded to the material library from the picker, which then uses it.
  await page.getByTestId('cover-choose').click();
  await page
    .locator('.ant-modal')
    .filter({ has: page.getByTestId('cover-upload') })
    .locator('input[type="file"]')
    .setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: COVER_PNG });
  await expect(page.getByTestId('cover-preview').locator('img')).toBeVisible();

  await page.getByTestId('article-save').click();
  await page.waitForURL(/\/articles\/drafts\/[^/]+$/);
  await expect(page.locator('.ant-message')).toContainText('已保存');

  await page.getByTestId('article-publish').click();
  await page.waitForURL(/\/articles\?tab=publications$/);
  const row = page.getByTestId('publication-row').filter({ hasText: title });
  // The table polls while the publication is under way; it ends 已发表.
  await expect(row.locator('.ant-tag')).toHaveText('已发表');

  const href = await row.getByRole('link', { name: title }).getAttribute('href');
  expect(href).toMatch(/\/mp\/s\//);
  await page.goto(href!);
  await expect(page.locator('h1.title')).toHaveText(title);
  await expect(page.locator('#js_content').locator('b, strong')).toHaveText(bold);
  await expect(page.locator('#js_content')).toContainText('欢迎来到本店');
  await expect(page.locator('img.cover')).toBeVisible();
});
