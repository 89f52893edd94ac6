import type { Push } from '../../modules/callbacks/push.types';
import {
  clickEvent,
  locationEvent,
  locationSelectEvent,
  picEvent,
  scancodeEvent,
  scanEvent,
  subscribeEvent,
  unsubscribeEvent,
  viewEvent,
  viewMiniprogramEvent,
} from './events';
import { massSendJobFinishEvent, publishJobFinishEvent, templateSendJobFinishEvent } from './platform-events';
import { imageMessage, linkMessage, locationMessage, textMessage, videoMessage, voiceMessage } from './messages';
import type { XmlFields } from './xml';

/**
 * The XML fields of a push, in the spec's order: a domain {@link Push} (frozen at creation, so
 * retries carry the same MsgId and CreateTime) rendered with the message and event builders.
 */
export function pushFields(originalId: string, push: Push): XmlFields {
  const header = { toUserName: originalId, fromUserName: push.openid, createTime: push.createTime };
  const p = push.payload;
  if (p.kind === 'message') {
    const m = { ...header, msgId: p.msgid };
    const b = p.body;
    switch (b.type) {
      case 'text':
        return textMessage({ ...m, content: b.content, ...(b.bizmsgmenuid ? { bizmsgmenuid: b.bizmsgmenuid } : {}) });
      case 'image':
        return imageMessage({ ...m, picUrl: b.picUrl, mediaId: b.mediaId });
      case 'voice':
        return voiceMessage({
          ...m,
          mediaId: b.mediaId,
          format: b.format,
          ...(b.recognition !== undefined ? { recognition: b.recognition } : {}),
        });
      case 'video':
      case 'shortvideo':
        return videoMessage({ ...m, kind: b.type, mediaId: b.mediaId, thumbMediaId: b.thumbMediaId });
      case 'location':
        return locationMessage({ ...m, latitude: b.latitude, longitude: b.longitude, scale: b.scale, label: b.label });
      case 'link':
        return linkMessage({ ...m, title: b.title, description: b.description, url: b.url });
      default:
        throw new Error(`a follower cannot send ${b.type}`);
    }
  }
  switch (p.event) {
    case 'subscribe':
      return p.ticket
        ? subscribeEvent({ ...header, qr: { scene: p.eventKey.replace(/^qrscene_/, ''), ticket: p.ticket } })
        : subscribeEvent(header);
    case 'unsubscribe':
      return unsubscribeEvent(header);
    case 'SCAN':
      return scanEvent({ ...header, scene: p.eventKey, ticket: p.ticket });
    case 'LOCATION':
      return locationEvent({ ...header, latitude: p.latitude, longitude: p.longitude, precision: p.precision });
    case 'CLICK':
      return clickEvent({ ...header, eventKey: p.eventKey });
    case 'VIEW':
      return viewEvent({ ...header, url: p.eventKey, ...(p.menuId ? { menuId: p.menuId } : {}) });
    case 'view_miniprogram':
      return viewMiniprogramEvent({ ...header, pagePath: p.eventKey, ...(p.menuId ? { menuId: p.menuId } : {}) });
    case 'scancode_push':
    case 'scancode_waitmsg':
      return scancodeEvent({ ...header, event: p.event, eventKey: p.eventKey, scanType: p.scanType, scanResult: p.scanResult });
    case 'pic_sysphoto':
    case 'pic_photo_or_album':
    case 'pic_weixin':
      return picEvent({ ...header, event: p.event, eventKey: p.eventKey, picMd5Sums: p.picMd5Sums });
    case 'location_select':
      return locationSelectEvent({ ...header, eventKey: p.eventKey, ...p.location });
    case 'TEMPLATESENDJOBFINISH':
      return templateSendJobFinishEvent({ ...header, msgId: p.msgId, status: p.status });
    case 'MASSSENDJOBFINISH': {
      const { event: _event, ...result } = p;
      return massSendJobFinishEvent({ ...header, ...result });
    }
    case 'PUBLISHJOBFINISH': {
      const { event: _event, ...result } = p;
      return publishJobFinishEvent({ ...header, ...result });
    }
  }
}
