import { describe, expect, it } from 'vitest';
import {
  clickEvent,
  locationEvent,
  locationSelectEvent,
  picEvent,
  scanEvent,
  scancodeEvent,
  subscribeEvent,
  unsubscribeEvent,
  viewEvent,
  viewMiniprogramEvent,
} from './events';
import { buildXml, childElement, childElements, childText, parseXml } from './xml';

const HEAD = (t: number) =>
  `<ToUserName><![CDATA[gh_a1b2c3d4e5f6]]></ToUserName><FromUserName><![CDATA[oAbCdEfGhIjKlMnOpQrStUvWx012]]></FromUserName><CreateTime>${t}</CreateTime><MsgType><![CDATA[event]]></MsgType>`;
const h = (createTime: number) => ({ toUserName: 'gh_a1b2c3d4e5f6', fromUserName: 'oAbCdEfGhIjKlMnOpQrStUvWx012', createTime });

describe('follow, QR and location events (§4.1)', () => {
  it('a follow through a parametric QR code reproduces the §4.1 example', () => {
    expect(buildXml(subscribeEvent({ ...h(1700000100), qr: { scene: '1001', ticket: 'gQH47joAAAAAAAAAASxodHRw' } }))).toBe(
      `<xml>${HEAD(1700000100)}<Event><![CDATA[subscribe]]></Event><EventKey><![CDATA[qrscene_1001]]></EventKey><Ticket><![CDATA[gQH47joAAAAAAAAAASxodHRw]]></Ticket></xml>`,
    );
  });

  it('plain follow and unfollow carry an empty EventKey and no Ticket', () => {
    expect(buildXml(subscribeEvent(h(1)))).toBe(
      `<xml>${HEAD(1)}<Event><![CDATA[subscribe]]></Event><EventKey><![CDATA[]]></EventKey></xml>`,
    );
    expect(buildXml(unsubscribeEvent(h(1)))).toBe(
      `<xml>${HEAD(1)}<Event><![CDATA[unsubscribe]]></Event><EventKey><![CDATA[]]></EventKey></xml>`,
    );
  });

  it('SCAN carries the bare scene value; LOCATION bare coordinates', () => {
    expect(buildXml(scanEvent({ ...h(1), scene: 'promo_a', ticket: 'tk' }))).toBe(
      `<xml>${HEAD(1)}<Event><![CDATA[SCAN]]></Event><EventKey><![CDATA[promo_a]]></EventKey><Ticket><![CDATA[tk]]></Ticket></xml>`,
    );
    expect(buildXml(locationEvent({ ...h(1), latitude: 23.137466, longitude: 113.352425, precision: 119.38504 }))).toBe(
      `<xml>${HEAD(1)}<Event><![CDATA[LOCATION]]></Event><Latitude>23.137466</Latitude><Longitude>113.352425</Longitude><Precision>119.38504</Precision></xml>`,
    );
  });
});

describe('custom-menu events (§4.2)', () => {
  it('pic_weixin reproduces the §4.2 example: one PicList, one item per picture, real Count', () => {
    const fields = picEvent({
      ...h(1700000200),
      event: 'pic_weixin',
      eventKey: 'menu_pic',
      picMd5Sums: ['5a75aaca956d97be686719218f275c6b', '1b5f7c23b5bf75682a53e7b6d163e185'],
    });
    expect(buildXml(fields)).toBe(
      `<xml>${HEAD(1700000200)}<Event><![CDATA[pic_weixin]]></Event><EventKey><![CDATA[menu_pic]]></EventKey><SendPicsInfo><Count>2</Count><PicList><item><PicMd5Sum><![CDATA[5a75aaca956d97be686719218f275c6b]]></PicMd5Sum></item><item><PicMd5Sum><![CDATA[1b5f7c23b5bf75682a53e7b6d163e185]]></PicMd5Sum></item></PicList></SendPicsInfo></xml>`,
    );
  });

  it('CLICK, VIEW with MenuId, view_miniprogram', () => {
    expect(buildXml(clickEvent({ ...h(1), eventKey: 'V1001_TODAY_MUSIC' }))).toBe(
      `<xml>${HEAD(1)}<Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[V1001_TODAY_MUSIC]]></EventKey></xml>`,
    );
    expect(buildXml(viewEvent({ ...h(1), url: 'https://example.com/a?b=1&c=2', menuId: 410418124 }))).toBe(
      `<xml>${HEAD(1)}<Event><![CDATA[VIEW]]></Event><EventKey><![CDATA[https://example.com/a?b=1&c=2]]></EventKey><MenuId>410418124</MenuId></xml>`,
    );
    expect(buildXml(viewEvent({ ...h(1), url: 'https://e' }))).not.toContain('MenuId');
    expect(buildXml(viewMiniprogramEvent({ ...h(1), pagePath: 'pages/index/index', menuId: '9007199254740993' }))).toBe(
      `<xml>${HEAD(1)}<Event><![CDATA[view_miniprogram]]></Event><EventKey><![CDATA[pages/index/index]]></EventKey><MenuId>9007199254740993</MenuId></xml>`,
    );
  });

  it('scancode events nest ScanCodeInfo', () => {
    expect(
      buildXml(
        scancodeEvent({
          ...h(1),
          event: 'scancode_waitmsg',
          eventKey: 'rselfmenu_0_0',
          scanType: 'qrcode',
          scanResult: 'https://q',
        }),
      ),
    ).toBe(
      `<xml>${HEAD(1)}<Event><![CDATA[scancode_waitmsg]]></Event><EventKey><![CDATA[rselfmenu_0_0]]></EventKey><ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[https://q]]></ScanResult></ScanCodeInfo></xml>`,
    );
  });

  it('location_select keeps CDATA coordinates and an empty Poiname', () => {
    expect(
      buildXml(
        locationSelectEvent({
          ...h(1),
          eventKey: 'rselfmenu_2_0',
          latitude: 23,
          longitude: '113.0',
          scale: 15,
          label: '广州市海珠区',
        }),
      ),
    ).toBe(
      `<xml>${HEAD(1)}<Event><![CDATA[location_select]]></Event><EventKey><![CDATA[rselfmenu_2_0]]></EventKey><SendLocationInfo><Location_X><![CDATA[23]]></Location_X><Location_Y><![CDATA[113.0]]></Location_Y><Scale><![CDATA[15]]></Scale><Label><![CDATA[广州市海珠区]]></Label><Poiname><![CDATA[]]></Poiname></SendLocationInfo></xml>`,
    );
  });

  it('a single picture still parses as a list of one item', () => {
    const root = parseXml(buildXml(picEvent({ ...h(1), event: 'pic_sysphoto', eventKey: 'k', picMd5Sums: ['abc'] })), {
      maxBytes: 4096,
    });
    const info = childElement(root, 'SendPicsInfo');
    const list = info && childElement(info, 'PicList');
    expect(info && childText(info, 'Count')).toBe('1');
    expect(list && childElements(list, 'item').map((i) => childText(i, 'PicMd5Sum'))).toEqual(['abc']);
  });
});
