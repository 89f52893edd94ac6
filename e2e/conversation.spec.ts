import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { appidOf, login, phoneFollowing } from './support';

/**
 * Conversation journeys: an operator adds a keyword rule in the console and a follower's phone
 * gets it as the answer; with a developer server configured, what the follower types reaches that
 * server as WeChat XML and its passive reply shows up on the phone live.
 */
async function say(phone: Page, text: string): Promise<void> {
  await phone.getByTestId('chat-input').fill(text);
  await phone.getByTestId('chat-send').click();
}

test('a keyword rule edited in the console answers the follower on the phone', async ({ page, browser }) => {
  await login(page);
  const appid = await appidOf(page, 'gzh 演示订阅号');
  await page.goto(`/accounts/${appid}/replies?tab=keyword`);
  await page.getByTestId('reply-new').click();
  await page.getByTestId('reply-name').fill('营业时间');
  await page.getByTestId('reply-keyword').first().fill('几点开门');
  await page.getByTestId('reply-text').first().fill('每天早上九点开门');
  await expect(page.getByTestId('reply-preview')).toContainText('每天早上九点开门');
  await page.getByTestId('reply-save').click();
  await expect(page.getByTestId('reply-row').filter({ hasText: '营业时间' })).toBeVisible();

  const { phone } = await phoneFollowing(browser, 'gzh 演示订阅号', { nicknamePrefix: 'chat', enterChat: true });
  await say(phone, '请问几点开门？');
  await expect(
    phone.locator('[data-testid="chat-message"][data-direction="out"]').filter({ hasText: '每天早上九点开门' }),
  ).toBeVisible();
});

test('what the follower types reaches the developer server and its reply appears live', async ({ page, browser }) => {
  const token = 'e2etoken42';
  const received: string[] = [];
  const server = http.createServer((req, res) => {
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    const signature = createHash('sha1')
      .update([token, q.get('timestamp') ?? '', q.get('nonce') ?? ''].sort().join(''))
      .digest('hex');
    if (signature !== q.get('signature')) return void res.writeHead(403).end();
    if (req.method === 'GET') return void res.end(q.get('echostr'));
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push(body);
      const field = (name: string) => new RegExp(`<${name}><!\\[CDATA\\[([\\s\\S]*?)\\]\\]></${name}>`).exec(body)?.[1] ?? '';
      if (field('MsgType') !== 'text') return void res.end('success');
      res.setHeader('content-type', 'text/xml');
      res.end(
        `<xml><ToUserName><![CDATA[${field('FromUserName')}]]></ToUserName><FromUserName><![CDATA[${field('ToUserName')}]]></FromUserName>` +
          `<CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[开发者收到：${field('Content')}]]></Content></xml>`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`;
  try {
    await login(page);
    const appid = await appidOf(page, 'gzh 演示服务号');
    await page.goto(`/accounts/${appid}/developer`);
    await page.getByTestId('developer-url').fill(url);
    await page.getByTestId('developer-token').fill(token);
    await page.getByTestId('developer-test').click();
    await expect(page.getByTestId('developer-verify-ok')).toBeVisible();
    await page.getByTestId('developer-enabled').click();
    await page.getByTestId('developer-save').click();
    await expect(page.getByTestId('developer-enabled-tag')).toBeVisible();

    const { phone } = await phoneFollowing(browser, 'gzh 演示服务号', { nicknamePrefix: 'chat', enterChat: true });
    await say(phone, 'hello');
    await expect(
      phone.locator('[data-testid="chat-message"][data-direction="out"]').filter({ hasText: '开发者收到：hello' }),
    ).toBeVisible();
    expect(received.some((b) => b.includes('<Content><![CDATA[hello]]></Content>'))).toBe(true);

    await page.goto(`/accounts/${appid}/deliveries`);
    await expect(page.getByTestId('delivery-row').first()).toBeVisible();
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
