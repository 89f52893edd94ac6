import type { AccountView, FollowerView } from '@gzh/contracts';
import type { Account } from '../../../modules/accounts/account.types';
import type { Follower } from '../../../modules/followers/follower.types';

/** Console view of an account: never the secret or the OpenID salt. */
export function presentAccount(account: Account, followerCount: number): AccountView {
  return {
    appid: account.appid,
    originalId: account.originalId,
    name: account.name,
    type: account.type,
    verified: account.verified,
    avatarUrl: account.avatarUrl,
    intro: account.intro,
    welcomeText: account.welcomeText,
    ipWhitelist: account.ipWhitelist,
    reportLocation: account.reportLocation,
    followerCount,
    secretUpdatedAt: account.secretUpdatedAt,
    createdAt: account.createdAt,
    developer: {
      url: account.callback.url,
      token: account.callback.token,
      encodingAesKey: account.callback.encodingAesKey,
      mode: account.callback.mode,
      enabled: account.callback.enabled,
    },
  };
}

export function presentFollower(follower: Follower & { nickname: string }, tagIds: number[]): FollowerView {
  return {
    openid: follower.openid,
    unionid: follower.unionid,
    nickname: follower.nickname,
    subscribed: follower.subscribed,
    subscribeTime: follower.subscribeTime,
    subscribeScene: follower.subscribeScene,
    qrScene: follower.qrScene,
    qrSceneStr: follower.qrSceneStr,
    remark: follower.remark,
    blacklisted: follower.blacklisted,
    tagIds,
  };
}
