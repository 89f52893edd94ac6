/**
 * Follower-action event pushes (spec/callback-protocol.md §4.1 follow / QR / location and §4.2
 * custom-menu events), as field objects for `buildXml`.
 *
 * Guarantees:
 * - Header, `MsgType` = `event`, `Event` with WeChat's exact case (`SCAN`, `LOCATION`, `CLICK`,
 *   `VIEW` upper case; `subscribe`, menu push events lower case — WxJava compares exactly), then
 *   the event's fields in the spec's order. No `MsgId`: events are deduplicated by
 *   `FromUserName` + `CreateTime` (+ `Event`).
 * - A plain follow / unfollow carries an empty `EventKey` (`<![CDATA[]]>`), as captured.
 * - A follow through a parametric QR code carries `EventKey` = `qrscene_` + scene and `Ticket`;
 *   `SCAN` carries the bare scene value and `Ticket`.
 * - `LOCATION` coordinates are bare numbers; `location_select` coordinates are CDATA strings, as
 *   in the official sample (§2.3 exception).
 * - Picture menus emit one `<PicList>` with one `<item>` per picture and `Count` = the real number
 *   of pictures (wechatpy expects a list when `Count > 1`).
 */
import { pushHeader, type PushHeader } from './messages';
import { bare, type XmlFields, type XmlNumber } from './xml';

/** An integer that may be given as a number or, for ids beyond 2^53, as decimal text. */
export type IntegerText = number | string;

function integer(value: IntegerText): number | XmlNumber {
  return typeof value === 'number' ? value : bare(value);
}

function event(h: PushHeader, name: string, fields: XmlFields): XmlFields {
  return { ...pushHeader(h, 'event'), Event: name, ...fields };
}

/** A parametric-QR scene: the scene value (`scene_id` as text, or `scene_str`) and its ticket. */
export interface QrScene {
  readonly scene: string;
  readonly ticket: string;
}

/**
 * `subscribe` (§4.1). Without `qr`: a plain follow with an empty `EventKey`. With `qr`: a follow
 * by scanning a parametric code, `EventKey` = `qrscene_<scene>` and `Ticket`.
 */
export function subscribeEvent(e: PushHeader & { readonly qr?: QrScene }): XmlFields {
  if (e.qr === undefined) return event(e, 'subscribe', { EventKey: '' });
  return event(e, 'subscribe', { EventKey: `qrscene_${e.qr.scene}`, Ticket: e.qr.ticket });
}

/** `unsubscribe` (§4.1): empty `EventKey`. Replies to it are never delivered. */
export function unsubscribeEvent(e: PushHeader): XmlFields {
  return event(e, 'unsubscribe', { EventKey: '' });
}

/** `SCAN` (§4.1): a follower scanned a parametric code; `EventKey` = scene value, `Ticket`. */
export function scanEvent(e: PushHeader & QrScene): XmlFields {
  return event(e, 'SCAN', { EventKey: e.scene, Ticket: e.ticket });
}

/** `LOCATION` (§4.1): `Latitude`, `Longitude`, `Precision`, bare. */
export function locationEvent(
  e: PushHeader & { readonly latitude: number; readonly longitude: number; readonly precision: number },
): XmlFields {
  return event(e, 'LOCATION', { Latitude: e.latitude, Longitude: e.longitude, Precision: e.precision });
}

/** `CLICK` (§4.2): `EventKey` = the button's `key`. */
export function clickEvent(e: PushHeader & { readonly eventKey: string }): XmlFields {
  return event(e, 'CLICK', { EventKey: e.eventKey });
}

/** `VIEW` (§4.2): `EventKey` = target URL; `MenuId` when the menu is known (conditional menus). */
export function viewEvent(e: PushHeader & { readonly url: string; readonly menuId?: IntegerText }): XmlFields {
  return event(e, 'VIEW', { EventKey: e.url, MenuId: e.menuId === undefined ? undefined : integer(e.menuId) });
}

/** `view_miniprogram` (§4.2): `EventKey` = mini-program page path; `MenuId`. */
export function viewMiniprogramEvent(e: PushHeader & { readonly pagePath: string; readonly menuId?: IntegerText }): XmlFields {
  return event(e, 'view_miniprogram', {
    EventKey: e.pagePath,
    MenuId: e.menuId === undefined ? undefined : integer(e.menuId),
  });
}

/** `scancode_push` / `scancode_waitmsg` (§4.2): `EventKey`, `ScanCodeInfo{ScanType, ScanResult}`. */
export function scancodeEvent(
  e: PushHeader & {
    readonly event: 'scancode_push' | 'scancode_waitmsg';
    readonly eventKey: string;
    /** `qrcode`, or `barcode` for 1-D codes. */
    readonly scanType: string;
    readonly scanResult: string;
  },
): XmlFields {
  return event(e, e.event, { EventKey: e.eventKey, ScanCodeInfo: { ScanType: e.scanType, ScanResult: e.scanResult } });
}

/** `pic_sysphoto` / `pic_photo_or_album` / `pic_weixin` (§4.2): `SendPicsInfo{Count, PicList}`. */
export function picEvent(
  e: PushHeader & {
    readonly event: 'pic_sysphoto' | 'pic_photo_or_album' | 'pic_weixin';
    readonly eventKey: string;
    /** MD5 (hex) of each picture sent, in order. */
    readonly picMd5Sums: readonly string[];
  },
): XmlFields {
  return event(e, e.event, {
    EventKey: e.eventKey,
    SendPicsInfo: { Count: e.picMd5Sums.length, PicList: { item: e.picMd5Sums.map((sum) => ({ PicMd5Sum: sum })) } },
  });
}

/**
 * `location_select` (§4.2): `EventKey`, `SendLocationInfo{Location_X, Location_Y, Scale, Label,
 * Poiname}`, all CDATA (numbers are written as their decimal text). `Poiname` may be empty.
 */
export function locationSelectEvent(
  e: PushHeader & {
    readonly eventKey: string;
    readonly latitude: number | string;
    readonly longitude: number | string;
    readonly scale: number | string;
    readonly label: string;
    readonly poiname?: string;
  },
): XmlFields {
  return event(e, 'location_select', {
    EventKey: e.eventKey,
    SendLocationInfo: {
      Location_X: String(e.latitude),
      Location_Y: String(e.longitude),
      Scale: String(e.scale),
      Label: e.label,
      Poiname: e.poiname ?? '',
    },
  });
}
