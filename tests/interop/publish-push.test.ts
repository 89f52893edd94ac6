/**
 * Interop: publishing a draft (`freepublish/submit`) ends with a PUBLISHJOBFINISH push to a
 * developer server built on the unchanged node-webot `wechat` middleware, in plain and safe mode.
 *
 * What it proves: the submit answers at once with `publish_id` and `msg_data_id`; the job runs on
 * the worker; the middleware accepts the push (signature, and in safe mode `msg_signature` and
 * decryption) and parses `PublishEventInfo` into the fields a developer reads — publish_id,
 * publish_status 0, article_id and one article_url per article — which are the same URLs
 * `freepublish/get` reports and which open the published pages. A retried run of the job does
 * not push twice.
 *
 * The drafts API has no method in the npm SDKs installed here (wechat-api predates it), so the
 * endpoints are called over HTTP exactly as an SDK would.
 */
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallbackMode } from '../../apps/server/src/modules/accounts/account.types';
import { operatorOpenId } from '../../apps/server/src/modules/callbacks/push-queue';
import { createTestApp, fetchToken, seedAccount, type TestApp } from '../../apps/server/src/testing/test-context';
import { newEncodingAesKey, newToken, startWechatServer, type WechatDeveloperServer } from './support/developer-server';
import { waitFor } from './support/gateway';

/** `PublishEventInfo` as the middleware's XML parser hands it over (strings; repeated `item` as an array). */
interface PublishEventInfo {
  publish_id: string;
  publish_status: string;
  article_id: string;
  article_detail: { count: string; item: { idx: string; article_url: string } | { idx: string; article_url: string }[] };
}

const MODES: CallbackMode[] = ['plain', 'safe'];

describe.each(MODES)('PUBLISHJOBFINISH to a node-webot wechat developer server (%s mode)', (mode) => {
  let t: TestApp;
  let dev: WechatDeveloperServer;
  let accountId: string;
  let originalId: string;
  let at: string;
  const token = newToken();
  const encodingAesKey = newEncodingAesKey();

  const post = async (path: string, body: unknown) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${path}?access_token=${at}`,
      payload: body as Record<string, unknown>,
    });
    return res.json<Record<string, unknown> & { errcode: number }>();
  };

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    const seeded = await seedAccount(t.services, { name: `发布 ${mode}` });
    accountId = seeded.accountId;
    originalId = (await t.services.accounts.getById(accountId))!.originalId;
    at = await fetchToken(t.app, seeded.appid, seeded.secret);
    dev = await startWechatServer({ token, appid: seeded.appid, encodingAESKey: encodingAesKey }, (_message, res) =>
      res.reply(''),
    );
    await t.services.callbacks.configure(accountId, { url: dev.url, token, encodingAesKey, mode, enabled: true });
  });
  afterAll(async () => {
    await dev?.close();
    await t?.close();
  });

  it('pushes the published article URLs once the job has run', async () => {
    const png = PNG.sync.write(new PNG({ width: 4, height: 4 }));
    const cover = await t.services.media.addMaterial(accountId, { type: 'image', file: { filename: 'cover.png', bytes: png } });
    const added = await post('/cgi-bin/draft/add', {
      articles: [
        { title: '发布测试头条', content: '<p>头条正文</p>', thumb_media_id: cover.mediaId },
        { title: '发布测试次条', content: '<p>次条正文</p>', thumb_media_id: cover.mediaId },
      ],
    });
    expect(added.errcode).toBe(0);
    const submitted = await post('/cgi-bin/freepublish/submit', { media_id: added.media_id });
    expect(submitted).toMatchObject({ errcode: 0, publish_id: expect.stringMatching(/^\d+$/) as unknown });
    expect(typeof submitted.msg_data_id).toBe('number');
    const publishId = submitted.publish_id as string;

    const push = await waitFor(
      () => Promise.resolve(dev.pushes.find((p) => p.message.Event === 'PUBLISHJOBFINISH')),
      'the PUBLISHJOBFINISH push',
    );
    if (mode === 'safe') expect(push.query).toMatchObject({ encrypt_type: 'aes', msg_signature: expect.any(String) as unknown });
    expect(push.message).toMatchObject({ ToUserName: originalId, FromUserName: operatorOpenId(accountId), MsgType: 'event' });
    const info = push.message.PublishEventInfo as unknown as PublishEventInfo;
    expect(info.publish_id).toBe(publishId);
    expect(info.publish_status).toBe('0');
    const items = [info.article_detail.item].flat();
    expect(info.article_detail.count).toBe('2');
    expect(items.map((i) => i.idx)).toEqual(['1', '2']);

    const status = await post('/cgi-bin/freepublish/get', { publish_id: publishId });
    expect(status).toMatchObject({ publish_status: 0, article_id: info.article_id });
    const detail = status.article_detail as { item: { article_url: string }[] };
    expect(items.map((i) => i.article_url)).toEqual(detail.item.map((i) => i.article_url));
    const page = await t.app.inject({ method: 'GET', url: new URL(items[0]!.article_url).pathname });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('发布测试头条');

    // Running the job again (a retry after a crash) reports under the same push id: no second push.
    await t.services.articles.runPublish(accountId, publishId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(dev.pushes.filter((p) => p.message.Event === 'PUBLISHJOBFINISH')).toHaveLength(1);
  });
});
