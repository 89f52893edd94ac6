import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedAccount, seedFollowers, TEST_DIALECTS, type TestApp } from '../../../testing/test-context';
import { consoleCall, loginRoles, type ConsoleSession } from '../../../testing/console-session';

type Json = Record<string, unknown>;

describe.each(TEST_DIALECTS)('console API: template notices (%s)', (dialect) => {
  let t: TestApp;
  let appid: string;
  let accountId: string;
  let subAppid: string;
  let foreignAppid: string;
  let openid: string;
  const sessions: Record<string, ConsoleSession> = {};

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, as = 'operator') =>
    consoleCall<Json>(t, sessions[as]!, method, url, body);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    Object.assign(sessions, await loginRoles(t, 'Acme', ['operator', 'analyst', 'agent']));
    ({ appid, accountId } = await seedAccount(t.services, { org: 'Acme', name: 'Acme 服务号' }));
    openid = (await seedFollowers(t.services, appid, 1))[0]!;
    ({ appid: subAppid } = await seedAccount(t.services, { org: 'Acme', name: 'Acme 订阅号', type: 'subscription' }));
    ({ appid: foreignAppid } = await seedAccount(t.services, { org: 'Elsewhere', name: 'Not yours' }));
  });
  afterAll(() => t.close());

  it('shows the industry table and sets the pair, then says until when it is locked', async () => {
    const before = await call('GET', `/accounts/${appid}/templates/industry`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ primary: null, secondary: null, lockedUntil: null });
    expect(before.body.industries).toHaveLength(41);
    const set = await call('PUT', `/accounts/${appid}/templates/industry`, { primaryId: 1, secondaryId: 13 });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      primary: { id: 1, firstClass: 'IT科技', secondClass: '互联网|电子商务' },
      secondary: { id: 13, firstClass: '运输与仓储', secondClass: '快递' },
      removed: 0,
    });
    expect(set.body.lockedUntil).toBeGreaterThan(t.services.clock.nowMs());
    const again = await call('PUT', `/accounts/${appid}/templates/industry`, { primaryId: 2, secondaryId: 13 });
    expect(again).toMatchObject({ status: 400, body: { error: { code: 'template.industry_too_frequent' } } });
    const bad = await call('PUT', `/accounts/${appid}/templates/industry`, { primaryId: 0, secondaryId: 13 });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'template.industry_invalid' } } });
  });

  it('browses the library by industry, adds templates with their placeholders, and deletes them', async () => {
    const library = await call('GET', `/accounts/${appid}/templates/library?industry=13`);
    expect((library.body.templates as Json[]).map((x) => x.shortId)).toEqual(['OPENTM202243318', 'OPENTM401201865', '49533']);
    expect((library.body.templates as Json[])[0]).toMatchObject({ primaryIndustry: '运输与仓储', deputyIndustry: '快递' });
    expect((await call('GET', `/accounts/${appid}/templates/library?industry=42`)).status).toBe(400);

    const added = await call('POST', `/accounts/${appid}/templates`, { shortId: '49533', keywordNames: ['取件码', '驿站地址'] });
    expect(added.status).toBe(200);
    expect(added.body.template).toMatchObject({
      shortId: '49533',
      title: '快递到达通知',
      placeholders: ['character_string3', 'thing4'],
      keywords: ['取件码', '驿站地址'],
      category: true,
    });
    const refused = await call('POST', `/accounts/${appid}/templates`, { shortId: '49533', keywordNames: ['寄件人'] });
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 'template.keyword_invalid' } } });

    const id = (added.body.template as Json).templateId as string;
    expect(((await call('GET', `/accounts/${appid}/templates`)).body.templates as Json[]).map((x) => x.templateId)).toEqual([id]);
    expect(await call('DELETE', `/accounts/${appid}/templates/${id}`)).toEqual({ status: 200, body: { ok: true } });
    expect((await call('DELETE', `/accounts/${appid}/templates/${id}`)).body).toMatchObject({
      error: { code: 'template.invalid_template_id' },
    });
  });

  it('sends a test notice to a follower, which lands in the chat and the send history', async () => {
    const added = await call('POST', `/accounts/${appid}/templates`, { shortId: 'OPENTM202243318' });
    const templateId = (added.body.template as Json).templateId as string;
    const body = {
      openid,
      templateId,
      data: { keyword1: { value: 'YT1' }, keyword2: { value: '今天' }, keyword3: { value: '本人', color: '#ff0000' } },
      url: 'https://example.com/p/1',
    };
    const sent = await call('POST', `/accounts/${appid}/templates/send`, body);
    expect(sent.status).toBe(200);
    expect(sent.body.send).toMatchObject({ openid, templateId, title: '快递签收提醒', status: 'success', repeated: false });
    const history = await call('GET', `/accounts/${appid}/templates/sends`);
    expect((history.body.sends as Json[])[0]).toMatchObject({ msgid: (sent.body.send as Json).msgid, status: 'success' });
    const follower = await t.services.followers.getByOpenId(accountId, openid);
    const [last] = await t.services.messages.conversation(accountId, follower.id, undefined, 1);
    expect(last).toMatchObject({ source: 'template', body: { type: 'template', templateId, url: 'https://example.com/p/1' } });

    const invalid = await call('POST', `/accounts/${appid}/templates/send`, { ...body, data: { keyword1: { value: 'x' } } });
    expect(invalid).toMatchObject({ status: 400, body: { error: { code: 'template.argument_invalid' } } });
  });

  it('checks roles, organisations and account types', async () => {
    expect((await call('GET', `/accounts/${appid}/templates`, undefined, 'analyst')).status).toBe(200);
    expect((await call('POST', `/accounts/${appid}/templates`, { shortId: 'TM00015' }, 'analyst')).status).toBe(403);
    expect((await call('GET', `/accounts/${appid}/templates`, undefined, 'agent')).status).toBe(403);
    expect((await call('GET', `/accounts/${foreignAppid}/templates`)).status).toBe(404);
    expect(await call('GET', `/accounts/${subAppid}/templates`)).toMatchObject({
      status: 400,
      body: { error: { code: 'account.api_unauthorized' } },
    });
  });
});
