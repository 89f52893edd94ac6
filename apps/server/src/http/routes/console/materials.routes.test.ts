import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JPEG, MP3, MP4, PNG, multipart, type Part } from '../../../testing/media-fixtures';
import { createTestApp, seedAccount, TEST_DIALECTS, type TestApp } from '../../../testing/test-context';
import { consoleCall, loginRoles, type ConsoleSession } from '../../../testing/console-session';

type Json = Record<string, unknown> & { error?: { code: string; message: string } };

describe.each(TEST_DIALECTS)('console API: material library (%s)', (dialect) => {
  let t: TestApp;
  let appid: string;
  let accountId: string;
  let foreignAppid: string;
  const sessions: Record<string, ConsoleSession> = {};

  const headersOf = (as: string) => ({ cookie: sessions[as]!.cookie, 'x-csrf-token': sessions[as]!.csrf });
  const call = (method: 'GET' | 'DELETE', url: string, as = 'operator') => consoleCall<Json>(t, sessions[as]!, method, url);
  const upload = async (type: string, parts: Part[], as = 'operator', target = appid) => {
    const { payload, headers } = multipart(parts);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/console/accounts/${target}/materials?type=${type}`,
      headers: { ...headers, ...headersOf(as) },
      payload,
    });
    return { status: res.statusCode, body: res.json<Json>() };
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    Object.assign(sessions, await loginRoles(t, 'Acme', ['operator', 'analyst']));
    ({ appid, accountId } = await seedAccount(t.services, { org: 'Acme', name: 'Acme 服务号' }));
    ({ appid: foreignAppid } = await seedAccount(t.services, { org: 'Elsewhere', name: 'Not yours' }));
  });
  afterAll(() => t.close());

  it('uploads image, thumb, voice and video materials and lists them by tab', async () => {
    const image = await upload('image', [{ name: 'media', filename: '海报.png', data: PNG(2000) }]);
    expect(image.status).toBe(200);
    expect(image.body.material).toMatchObject({
      type: 'image',
      name: '海报.png',
      contentType: 'image/png',
      size: 2000,
      articles: null,
    });
    const url = (image.body.material as { url: string }).url;
    expect((await t.app.inject({ method: 'GET', url: new URL(url).pathname })).rawPayload.equals(PNG(2000))).toBe(true);

    t.time.advance(1000); // newest first: the thumb is listed before the image
    // Browsers name the part `file` in some upload widgets; both names work here.
    expect((await upload('thumb', [{ name: 'file', filename: 'cover.jpg', data: JPEG() }])).status).toBe(200);
    expect((await upload('voice', [{ name: 'media', filename: 'hi.mp3', data: MP3() }])).status).toBe(200);
    const video = await upload('video', [
      { name: 'media', filename: 'clip.mp4', data: MP4() },
      { name: 'title', data: '发布会' },
      { name: 'introduction', data: '回放' },
    ]);
    expect(video.body.material).toMatchObject({ type: 'video', title: '发布会', description: '回放' });

    const images = await call('GET', `/accounts/${appid}/materials?type=image`);
    expect(images.status).toBe(200);
    expect(images.body.total).toBe(2);
    expect((images.body.items as { type: string }[]).map((i) => i.type)).toEqual(['thumb', 'image']);
    expect((await call('GET', `/accounts/${appid}/materials?type=voice&offset=0&count=5`)).body.total).toBe(1);
    expect((await call('GET', `/accounts/${appid}/materials/counts`)).body).toEqual({ image: 2, voice: 1, video: 1, news: 0 });
    // The analyst reads the library too.
    expect((await call('GET', `/accounts/${appid}/materials?type=video`, 'analyst')).body.total).toBe(1);
  });

  it('shows what is wrong with an upload', async () => {
    const cases: [string, Part[], string][] = [
      ['image', [{ name: 'media', filename: 'a.txt', data: 'hello' }], 'media.invalid_file_type'],
      ['image', [{ name: 'media', filename: 'a.jpg', data: 'not a jpeg' }], 'media.invalid_file_type'],
      ['thumb', [{ name: 'media', filename: 'a.jpg', data: JPEG(70_000) }], 'media.thumb_too_large'],
      ['image', [{ name: 'other', data: 'x' }], 'media.missing_media'],
      ['video', [{ name: 'media', filename: 'a.mp4', data: MP4() }], 'media.invalid_data'],
    ];
    for (const [type, parts, code] of cases) {
      const res = await upload(type, parts);
      expect(res.status, code).toBe(400);
      expect(res.body.error?.code).toBe(code);
      expect(res.body.error?.message).toBeTruthy();
    }
    expect((await upload('news', [{ name: 'media', filename: 'a.jpg', data: JPEG() }])).status).toBe(400);
  });

  it('deletes a material, and explains why one in use cannot be deleted', async () => {
    const img = (await upload('image', [{ name: 'media', filename: 'x.jpg', data: JPEG() }])).body.material as {
      mediaId: string;
    };
    await t.services.menus.create(accountId, [{ type: 'media_id', name: '看图', media_id: img.mediaId }]);
    const refused = await call('DELETE', `/accounts/${appid}/materials/${img.mediaId}`);
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 'media.in_use' } } });
    await t.services.menus.delete(accountId);
    expect(await call('DELETE', `/accounts/${appid}/materials/${img.mediaId}`)).toMatchObject({
      status: 200,
      body: { ok: true },
    });
    expect((await call('DELETE', `/accounts/${appid}/materials/${img.mediaId}`)).status).toBe(400);
  });

  it('checks permissions, CSRF and the organisation', async () => {
    expect((await upload('image', [{ name: 'media', filename: 'a.jpg', data: JPEG() }], 'analyst')).status).toBe(403);
    expect((await call('GET', `/accounts/${foreignAppid}/materials?type=image`)).status).toBe(404);
    expect((await upload('image', [{ name: 'media', filename: 'a.jpg', data: JPEG() }], 'operator', foreignAppid)).status).toBe(
      404,
    );
    const { payload, headers } = multipart([{ name: 'media', filename: 'a.jpg', data: JPEG() }]);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: `/api/console/accounts/${appid}/materials?type=image`,
      headers: { ...headers, cookie: sessions.operator!.cookie },
      payload,
    });
    expect(noCsrf.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/console/accounts/${appid}/materials?type=image` })).statusCode).toBe(
      401,
    );
    expect((await call('GET', `/accounts/${appid}/materials?type=thumb`)).status).toBe(400);
  });
});
