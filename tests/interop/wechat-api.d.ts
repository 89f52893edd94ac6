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
  }
}
