import type { MessageBody, MpnewsArticle } from './message.types';
import { MessageErrors } from './message.errors';

/** The media a message may reference (the media module, seen from here). */
export interface MediaSource {
  resolve(
    accountId: string,
    mediaId: string,
  ): Promise<{ type: 'image' | 'voice' | 'video' | 'thumb'; url: string; title: string; description: string } | undefined>;
  newsMaterial(
    accountId: string,
    mediaId: string,
  ): Promise<{ title: string; digest: string; author: string; thumbUrl: string; contentSourceUrl: string }[] | undefined>;
}

/** Article cards for `mpnews` (the articles module, seen from here). */
export interface ArticleSource {
  draftCards(accountId: string, mediaId: string): Promise<MpnewsArticle[] | undefined>;
  publishedCards(accountId: string, articleId: string): Promise<MpnewsArticle[] | undefined>;
}

/** Longest text of a customer-service or broadcast text message (WeChat: 2048 bytes of UTF-8 … chars). */
export const MAX_OUTBOUND_TEXT = 2048;
/** Customer-service `news` carries exactly one article since 2018-10 (spec §3.1). */
export const MAX_CUSTOM_NEWS_ARTICLES = 1;
/** Items of a customer-service menu (`msgmenu`): gzh's limit, WeChat documents none. */
export const MAX_MSGMENU_ITEMS = 10;

type Payload = Record<string, unknown>;

const isObject = (v: unknown): v is Payload => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

function objectOf(payload: Payload, key: string): Payload {
  const value = payload[key];
  if (!isObject(value)) throw MessageErrors.badPayload(`${key} must be an object`);
  return value;
}

/**
 * Turns the WeChat JSON of an outbound message (`msgtype` plus its object, as customer-service
 * sends, broadcasts and previews carry it) into the body the follower sees, resolving media ids
 * and article ids of this account. Foreign, unknown or expired ids are 40007; a kind the path does
 * not allow is 40008.
 */
export class OutboundContent {
  constructor(
    private readonly media: MediaSource,
    private readonly articles: ArticleSource,
  ) {}

  async resolve(accountId: string, msgtype: unknown, payload: Payload, allowed: readonly string[]): Promise<MessageBody> {
    if (typeof msgtype !== 'string' || !allowed.includes(msgtype)) throw MessageErrors.invalidType(msgtype);
    switch (msgtype) {
      case 'text': {
        const content = objectOf(payload, 'text').content;
        if (typeof content !== 'string' || !content.trim()) throw MessageErrors.badPayload('text.content is required');
        if ([...content].length > MAX_OUTBOUND_TEXT) throw MessageErrors.contentTooLong(MAX_OUTBOUND_TEXT);
        return { type: 'text', content };
      }
      case 'image': {
        const image = objectOf(payload, 'image');
        const media = await this.mediaOf(accountId, image.media_id, ['image']);
        return { type: 'image', mediaId: str(image.media_id), picUrl: media.url };
      }
      case 'voice': {
        const voice = objectOf(payload, 'voice');
        await this.mediaOf(accountId, voice.media_id, ['voice']);
        return { type: 'voice', mediaId: str(voice.media_id), format: 'amr' };
      }
      case 'video':
      case 'mpvideo': {
        const video = objectOf(payload, msgtype);
        const media = await this.mediaOf(accountId, video.media_id, ['video']);
        if (video.thumb_media_id !== undefined && video.thumb_media_id !== '')
          await this.mediaOf(accountId, video.thumb_media_id, ['thumb', 'image']);
        return {
          type: 'video',
          mediaId: str(video.media_id),
          thumbMediaId: str(video.thumb_media_id),
          title: str(video.title) || media.title,
          description: str(video.description) || media.description,
        };
      }
      case 'music': {
        const music = objectOf(payload, 'music');
        const musicUrl = str(music.musicurl);
        if (!musicUrl) throw MessageErrors.badPayload('music.musicurl is required');
        await this.mediaOf(accountId, music.thumb_media_id, ['thumb', 'image']);
        return {
          type: 'music',
          title: str(music.title),
          description: str(music.description),
          musicUrl,
          hqMusicUrl: str(music.hqmusicurl) || musicUrl,
          thumbMediaId: str(music.thumb_media_id),
        };
      }
      case 'news': {
        const articles = objectOf(payload, 'news').articles;
        if (!Array.isArray(articles) || !articles.length) throw MessageErrors.badPayload('news.articles must list one article');
        if (articles.length > MAX_CUSTOM_NEWS_ARTICLES) throw MessageErrors.tooManyArticles(MAX_CUSTOM_NEWS_ARTICLES);
        return {
          type: 'news',
          articles: articles.map((a: unknown) => {
            if (!isObject(a) || !str(a.title)) throw MessageErrors.badPayload('each article needs a title');
            return { title: str(a.title), description: str(a.description), url: str(a.url), picUrl: str(a.picurl) };
          }),
        };
      }
      case 'mpnews': {
        const mediaId = objectOf(payload, 'mpnews').media_id;
        return { type: 'mpnews', articles: await this.mpnewsCards(accountId, mediaId) };
      }
      case 'mpnewsarticle': {
        const articleId = objectOf(payload, 'mpnewsarticle').article_id;
        const cards =
          typeof articleId === 'string' && articleId ? await this.articles.publishedCards(accountId, articleId) : undefined;
        if (!cards) throw MessageErrors.invalidMediaId(articleId);
        return { type: 'mpnews', articles: cards };
      }
      case 'msgmenu': {
        const menu = objectOf(payload, 'msgmenu');
        const list = menu.list;
        if (!Array.isArray(list) || !list.length || list.length > MAX_MSGMENU_ITEMS)
          throw MessageErrors.badPayload(`msgmenu.list must have 1-${MAX_MSGMENU_ITEMS} items`);
        return {
          type: 'msgmenu',
          headContent: str(menu.head_content),
          tailContent: str(menu.tail_content),
          list: list.map((item: unknown) => {
            if (!isObject(item) || !str(item.id) || !str(item.content))
              throw MessageErrors.badPayload('each msgmenu item needs id and content');
            return { id: str(item.id), content: str(item.content) };
          }),
        };
      }
      case 'miniprogrampage': {
        const page = objectOf(payload, 'miniprogrampage');
        if (!/^wx[0-9a-f]{16}$/.test(str(page.appid)) || !str(page.pagepath))
          throw MessageErrors.badPayload('miniprogrampage needs a mini program appid and pagepath');
        const thumb = await this.mediaOf(accountId, page.thumb_media_id, ['thumb', 'image']);
        return {
          type: 'miniprogrampage',
          title: str(page.title),
          appid: str(page.appid),
          pagepath: str(page.pagepath),
          thumbUrl: thumb.url,
        };
      }
      default:
        throw MessageErrors.invalidType(msgtype);
    }
  }

  /** Cards of an mpnews media id: a draft (published for the occasion) or a news material. */
  async mpnewsCards(accountId: string, mediaId: unknown): Promise<MpnewsArticle[]> {
    if (typeof mediaId !== 'string' || !mediaId) throw MessageErrors.invalidMediaId(mediaId);
    const draft = await this.articles.draftCards(accountId, mediaId);
    if (draft?.length) return draft;
    const material = await this.media.newsMaterial(accountId, mediaId);
    if (!material?.length) throw MessageErrors.invalidMediaId(mediaId);
    return material.map((a) => ({
      title: a.title,
      digest: a.digest,
      author: a.author,
      thumbUrl: a.thumbUrl,
      url: a.contentSourceUrl,
    }));
  }

  private async mediaOf(accountId: string, mediaId: unknown, types: readonly string[]) {
    if (typeof mediaId !== 'string' || !mediaId) throw MessageErrors.invalidMediaId(mediaId);
    const media = await this.media.resolve(accountId, mediaId);
    if (!media || !types.includes(media.type)) throw MessageErrors.invalidMediaId(mediaId);
    return media;
  }
}
