import { describe, expect, it } from 'vitest';
import {
  authorizationEvent,
  kfSessionEvent,
  kfSwitchSessionEvent,
  massSendJobFinishEvent,
  publishJobFinishEvent,
  templateSendJobFinishEvent,
} from './platform-events';
import { buildXml } from './xml';

const HEAD = (t: number) =>
  `<ToUserName><![CDATA[gh_a1b2c3d4e5f6]]></ToUserName><FromUserName><![CDATA[oAbCdEfGhIjKlMnOpQrStUvWx012]]></FromUserName><CreateTime>${t}</CreateTime><MsgType><![CDATA[event]]></MsgType>`;
const h = (createTime: number) => ({ toUserName: 'gh_a1b2c3d4e5f6', fromUserName: 'oAbCdEfGhIjKlMnOpQrStUvWx012', createTime });

describe('job-finish events (§4.3)', () => {
  it('PUBLISHJOBFINISH reproduces the §4.3 example', () => {
    const fields = publishJobFinishEvent({
      ...h(1700000300),
      publishId: '2247503051',
      publishStatus: 0,
      articleId: 'ARTICLE_ID',
      articles: [{ idx: 1, url: 'https://mp.example/s/abc' }],
    });
    expect(buildXml(fields)).toBe(
      `<xml>${HEAD(1700000300)}<Event><![CDATA[PUBLISHJOBFINISH]]></Event><PublishEventInfo><publish_id>2247503051</publish_id><publish_status>0</publish_status><article_id><![CDATA[ARTICLE_ID]]></article_id><article_detail><count>1</count><item><idx>1</idx><article_url><![CDATA[https://mp.example/s/abc]]></article_url></item></article_detail></PublishEventInfo></xml>`,
    );
  });

  it('TEMPLATESENDJOBFINISH uses MsgID (capital D) with a 64-bit id kept exact', () => {
    expect(buildXml(templateSendJobFinishEvent({ ...h(1), msgId: '3487542469355618313', status: 'failed:user block' }))).toBe(
      `<xml>${HEAD(1)}<Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event><MsgID>3487542469355618313</MsgID><Status><![CDATA[failed:user block]]></Status></xml>`,
    );
  });

  it('MASSSENDJOBFINISH writes counts, copyright results and article URLs in the sample order', () => {
    const xml = buildXml(
      massSendJobFinishEvent({
        ...h(1),
        msgId: '1988',
        status: 'send success',
        totalCount: 100,
        filterCount: 80,
        sentCount: 75,
        errorCount: 5,
        copyrightCheck: {
          checkState: 2,
          items: [
            {
              articleIdx: 1,
              userDeclareState: 0,
              auditState: 2,
              originalArticleUrl: 'Url_1',
              originalArticleType: 1,
              canReprint: 1,
              needReplaceContent: 1,
              needShowReprintSource: 1,
            },
          ],
        },
        articleUrls: [],
      }),
    );
    expect(xml).toBe(
      `<xml>${HEAD(1)}<Event><![CDATA[MASSSENDJOBFINISH]]></Event><MsgID>1988</MsgID><Status><![CDATA[send success]]></Status><TotalCount>100</TotalCount><FilterCount>80</FilterCount><SentCount>75</SentCount><ErrorCount>5</ErrorCount>` +
        `<CopyrightCheckResult><Count>1</Count><ResultList><item><ArticleIdx>1</ArticleIdx><UserDeclareState>0</UserDeclareState><AuditState>2</AuditState><OriginalArticleUrl><![CDATA[Url_1]]></OriginalArticleUrl><OriginalArticleType>1</OriginalArticleType><CanReprint>1</CanReprint><NeedReplaceContent>1</NeedReplaceContent><NeedShowReprintSource>1</NeedShowReprintSource></item></ResultList><CheckState>2</CheckState></CopyrightCheckResult>` +
        `<ArticleUrlResult><Count>0</Count><ResultList></ResultList></ArticleUrlResult></xml>`,
    );
  });
});

describe('customer-service and authorization events (§4.4, §4.5)', () => {
  it('kf session events', () => {
    expect(buildXml(kfSessionEvent({ ...h(1), event: 'kf_create_session', kfAccount: 'test1@test' }))).toBe(
      `<xml>${HEAD(1)}<Event><![CDATA[kf_create_session]]></Event><KfAccount><![CDATA[test1@test]]></KfAccount></xml>`,
    );
    expect(buildXml(kfSwitchSessionEvent({ ...h(1), fromKfAccount: 'a@test', toKfAccount: 'b@test' }))).toBe(
      `<xml>${HEAD(1)}<Event><![CDATA[kf_switch_session]]></Event><FromKfAccount><![CDATA[a@test]]></FromKfAccount><ToKfAccount><![CDATA[b@test]]></ToKfAccount></xml>`,
    );
  });

  it('user_authorization_revoke names the user in OpenID', () => {
    expect(
      buildXml(
        authorizationEvent({
          ...h(1),
          event: 'user_authorization_revoke',
          openid: 'oTarget',
          appid: 'wx13974bf780d3dc89',
          revokeInfo: '205',
        }),
      ),
    ).toBe(
      `<xml>${HEAD(1)}<Event><![CDATA[user_authorization_revoke]]></Event><OpenID><![CDATA[oTarget]]></OpenID><AppID><![CDATA[wx13974bf780d3dc89]]></AppID><RevokeInfo><![CDATA[205]]></RevokeInfo></xml>`,
    );
  });
});
