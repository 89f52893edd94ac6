/**
 * Types for the part of `wechat-api` (node-webot/wechat-api 1.35, plain JavaScript) that the
 * interop tests drive. Signatures follow the SDK's own `lib/*.js`: callback-last methods whose
 * callback receives `(err, result)`, where a WeChat errcode arrives as a `WeChatAPIError` with
 * `code` set to the errcode.
 */
declare module 'wechat-api' {
  /** What the SDK hands to callbacks: transport errors, or `name: 'WeChatAPIError'` with the errcode. */
  export interface WeChatAPIError extends Error {
    code?: number;
  }

  export type Callback<T> = (err: WeChatAPIError | null, result: T) => void;

  /** The SDK's token object (`api_common.js` `AccessToken`): `expireTime` is epoch ms, minus 10 s. */
  export interface AccessToken {
    accessToken: string;
    expireTime: number;
  }

  export interface MenuButton {
    type?: string;
    name: string;
    key?: string;
    url?: string;
    sub_button?: MenuButton[];
  }

  export interface MenuResult {
    menu: { button: MenuButton[]; menuid?: number };
  }

  export interface OpenIdPage {
    total?: number;
    count: number;
    data?: { openid: string[] };
    next_openid: string;
  }

  export interface UserInfo {
    subscribe: number;
    openid: string;
    language?: string;
    subscribe_time?: number;
    unionid?: string;
    remark?: string;
    groupid?: number;
    tagid_list?: number[];
    subscribe_scene?: string;
    qr_scene?: number;
    qr_scene_str?: string;
  }

  export interface QrTicket {
    ticket: string;
    expire_seconds?: number;
    url: string;
  }

  export interface Tag {
    id: number;
    name: string;
    count?: number;
  }

  /** `{errcode: 0, errmsg: 'ok'}` and whatever else an endpoint adds. */
  export interface Ok {
    errcode?: number;
    errmsg?: string;
  }

  /** `template/get_industry`. */
  export interface IndustryResult {
    primary_industry: { first_class: string; second_class: string };
    secondary_industry: { first_class: string; second_class: string };
  }

  /** One entry of `template/get_all_private_template`. */
  export interface PrivateTemplate {
    template_id: string;
    title: string;
    primary_industry: string;
    deputy_industry: string;
    content: string;
    example: string;
  }

  /** `data` of a template send: `{name: {value, color?}}` per `{{name.DATA}}`. */
  export type TemplateData = Record<string, { value: string; color?: string }>;

  /** The `dest` of `sendTemplate`: a URL string, or `{url?, miniprogram?}`. */
  export type TemplateDest = string | { url?: string; miniprogram?: { appid: string; pagepath: string } } | null;

  /** `media/upload` (and `uploadnews` / `uploadvideo`): thumbs answer `thumb_media_id` instead of `media_id`. */
  export interface MediaUploaded extends Ok {
    type: string;
    media_id?: string;
    thumb_media_id?: string;
    created_at: number;
  }

  /** `material/add_material`: `url` for images and thumbs. */
  export interface MaterialAdded extends Ok {
    media_id: string;
    url?: string;
  }

  /** An article of `material/add_news`, `update_news` and `media/uploadnews`, as sent. */
  export interface NewsArticleInput {
    title: string;
    thumb_media_id: string;
    author?: string;
    digest?: string;
    show_cover_pic?: number;
    content: string;
    content_source_url?: string;
    need_open_comment?: number;
    only_fans_can_comment?: number;
  }

  export interface MaterialCount extends Ok {
    voice_count: number;
    video_count: number;
    image_count: number;
    news_count: number;
  }

  /** `material/batchget_material`: news items carry `content.news_item`, others `name` and `url`. */
  export interface MaterialList extends Ok {
    total_count: number;
    item_count: number;
    item: {
      media_id: string;
      name?: string;
      url?: string;
      update_time: number;
      content?: { news_item: (NewsArticleInput & { url: string; thumb_url: string })[] };
    }[];
  }

  export default class WechatAPI {
    /**
     * @param getToken / saveToken the SDK's documented hooks for a token store shared between
     *   processes; without them the token lives in the instance (`this.store`).
     */
    constructor(
      appid: string,
      appsecret: string,
      getToken?: (callback: Callback<AccessToken | null | undefined>) => void,
      saveToken?: (token: AccessToken, callback: (err: Error | null) => void) => void,
    );
    /** Base of every API URL (default `https://api.weixin.qq.com`, no trailing slash). */
    endpoint: string;
    /** Base of `showqrcode` (default `https://mp.weixin.qq.com/cgi-bin/`). */
    mpPrefix: string;
    /** Base of the legacy media host (default `http://file.api.weixin.qq.com/cgi-bin/`). */
    fileServerPrefix: string;
    /** The token the last call used (set by the SDK before each call). */
    token?: AccessToken;

    getAccessToken(callback: Callback<AccessToken>): this;
    getLatestToken(callback: Callback<AccessToken>): void;

    createMenu(menu: { button: MenuButton[] }, callback: Callback<Ok>): void;
    getMenu(callback: Callback<MenuResult>): void;
    removeMenu(callback: Callback<Ok>): void;

    getFollowers(callback: Callback<OpenIdPage>): void;
    getFollowers(nextOpenid: string, callback: Callback<OpenIdPage>): void;
    getUser(openid: string | { openid: string; lang: string }, callback: Callback<UserInfo>): void;
    batchGetUsers(openids: string[], callback: Callback<{ user_info_list: UserInfo[] }>): void;

    createTag(name: string, callback: Callback<{ tag: Tag }>): void;
    getTags(callback: Callback<{ tags: Tag[] }>): void;
    editTag(id: number, name: string, callback: Callback<Ok>): void;
    deleteTag(id: number, callback: Callback<Ok>): void;
    membersBatchtagging(tagId: number, openids: string[], callback: Callback<Ok>): void;
    membersBatchuntagging(tagId: number, openids: string[], callback: Callback<Ok>): void;
    getUserTags(openid: string, callback: Callback<{ tagid_list: number[] }>): void;
    getTagUsers(tagId: number, nextOpenid: string, callback: Callback<OpenIdPage>): void;

    createTmpQRCode(sceneId: number | string, expireSeconds: number, callback: Callback<QrTicket>): void;
    createLimitQRCode(sceneId: number | string, callback: Callback<QrTicket>): void;
    /** Synchronous: `mpPrefix + 'showqrcode?ticket=' + ticket` (the ticket is not URL-encoded). */
    showQRCodeURL(ticket: string): string;

    /** Customer-service messages (`message/custom/send`, `api_message.js`). */
    sendText(openid: string, text: string, callback: Callback<Ok>): void;
    sendTextFromCs(openid: string, csAccount: string, text: string, callback: Callback<Ok>): void;
    sendNews(
      openid: string,
      articles: { title: string; description: string; url: string; picurl: string }[],
      callback: Callback<Ok>,
    ): void;
    sendImage(openid: string, mediaId: string, callback: Callback<Ok>): void;

    /** Broadcasts (`api_mass_send.js`): receivers are an openid list, a tag id (sent as `group_id`) or `true` for all. */
    massSendText(content: string, receivers: string[] | number | boolean, callback: Callback<Ok & { msg_id: number }>): void;
    massSendImage(mediaId: string, receivers: string[] | number | boolean, callback: Callback<Ok & { msg_id: number }>): void;
    previewText(openid: string, content: string, callback: Callback<Ok & { msg_id: number }>): void;
    getMassMessageStatus(msgId: number | string, callback: Callback<{ msg_id: number; msg_status: string }>): void;
    deleteMass(msgId: number | string, callback: Callback<Ok>): void;

    /** `media/upload?type=` with the file at `filepath` in the multipart part `media` (formstream). */
    uploadMedia(filepath: string, type: string, callback: Callback<MediaUploaded>): void;
    uploadImage(filepath: string, callback: Callback<Ok & { url: string }>): void;
    uploadThumb(filepath: string, callback: Callback<MediaUploaded>): void;
    uploadVoice(filepath: string, callback: Callback<MediaUploaded>): void;
    uploadVideo(filepath: string, callback: Callback<MediaUploaded>): void;
    /**
     * `media/get`: a Buffer of the file. The SDK parses JSON only when the Content-Type is exactly
     * `application/json` or `text/plain`, so a video's `{video_url}` and errors also arrive as a Buffer.
     */
    getMedia(mediaId: string, callback: Callback<Buffer>): void;
    uploadMaterial(filepath: string, type: string, callback: Callback<MaterialAdded>): void;
    uploadImageMaterial(filepath: string, callback: Callback<MaterialAdded>): void;
    uploadThumbMaterial(filepath: string, callback: Callback<MaterialAdded>): void;
    uploadVoiceMaterial(filepath: string, callback: Callback<MaterialAdded>): void;
    /** Sends `description` as the JSON form field `description`. */
    uploadVideoMaterial(
      filepath: string,
      description: { title: string; introduction: string },
      callback: Callback<MaterialAdded>,
    ): void;
    uploadNewsMaterial(news: { articles: NewsArticleInput[] }, callback: Callback<Ok & { media_id: string }>): void;
    updateNewsMaterial(news: { media_id: string; index: number; articles: NewsArticleInput }, callback: Callback<Ok>): void;
    /** `material/get_material`: like getMedia, a Buffer unless the Content-Type is exactly `application/json`. */
    getMaterial(mediaId: string, callback: Callback<Buffer>): void;
    removeMaterial(mediaId: string, callback: Callback<Ok>): void;
    getMaterialCount(callback: Callback<MaterialCount>): void;
    getMaterials(type: string, offset: number, count: number, callback: Callback<MaterialList>): void;
    /** Legacy `media/uploadnews` (for broadcasts). */
    uploadNews(news: { articles: NewsArticleInput[] }, callback: Callback<MediaUploaded>): void;
    /** `media/uploadvideo` on `fileServerPrefix`. */
    uploadMPVideo(opts: { media_id: string; title: string; description: string }, callback: Callback<MediaUploaded>): void;

    /** `template/api_set_industry` with `{industry_id1, industry_id2}` as given. */
    setIndustry(industryIds: { industry_id1: string | number; industry_id2: string | number }, callback: Callback<Ok>): void;
    getIndustry(callback: Callback<IndustryResult>): void;
    /** `template/api_add_template` with `{template_id_short}` only (no keyword list). */
    addTemplate(templateIdShort: string, callback: Callback<Ok & { template_id: string }>): void;
    getAllPrivateTemplate(callback: Callback<{ template_list: PrivateTemplate[] }>): void;
    delPrivateTemplate(templateId: string, callback: Callback<Ok>): void;
    /** `message/template/send`; the answer is `JSON.parse`d, so `msgid` arrives as a number. */
    sendTemplate(
      openid: string,
      templateId: string,
      dest: TemplateDest,
      data: TemplateData,
      callback: Callback<Ok & { msgid: number }>,
    ): void;
  }
}
