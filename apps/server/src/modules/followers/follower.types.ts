/** How a follower came to follow, as WeChat reports it in `subscribe_scene`. */
export const SUBSCRIBE_SCENES = [
  'ADD_SCENE_SEARCH',
  'ADD_SCENE_ACCOUNT_MIGRATION',
  'ADD_SCENE_PROFILE_CARD',
  'ADD_SCENE_QR_CODE',
  'ADD_SCENE_PROFILE_LINK',
  'ADD_SCENE_PROFILE_ITEM',
  'ADD_SCENE_PAID',
  'ADD_SCENE_WECHAT_ADVERTISEMENT',
  'ADD_SCENE_REPRINT',
  'ADD_SCENE_LIVESTREAM',
  'ADD_SCENE_CHANNELS',
  'ADD_SCENE_OTHERS',
] as const;
export type SubscribeScene = (typeof SUBSCRIBE_SCENES)[number];

/** A WeChat user on the follower side. */
export interface Person {
  id: string;
  nickname: string;
  avatarUrl: string;
  sex: number;
  country: string;
  province: string;
  city: string;
  language: string;
  platform: number;
  createdAt: number;
}

/** Person × account. */
export interface Follower {
  id: number;
  accountId: string;
  personId: string;
  openid: string;
  unionid: string;
  subscribed: boolean;
  subscribeTime: number;
  unsubscribeTime: number | null;
  subscribeScene: SubscribeScene;
  qrScene: number | null;
  qrSceneStr: string | null;
  remark: string;
  blacklisted: boolean;
  createdAt: number;
}

/** Emitted on the bus when a person follows (also for re-follows and QR scans by followers). */
export interface FollowEvent {
  accountId: string;
  openid: string;
  personId: string;
  /** True when the person already followed and only scanned a QR code (WeChat's SCAN event). */
  alreadyFollowing: boolean;
  scene: SubscribeScene;
  qr: { ticket: string; sceneId: number | null; sceneStr: string | null } | null;
  at: number;
}
