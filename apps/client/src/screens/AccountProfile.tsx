import type { PublicAccount } from '@gzh/contracts';
import { useState } from 'react';
import { api, errorMessage } from '../api';
import { VerifiedMark } from '../components/AccountRow';
import { Avatar } from '../components/Avatar';
import { NoticeSwitch } from '../components/NoticeSwitch';
import { TitleBar } from '../components/TitleBar';
import { useToast } from '../components/Toast';
import { accountTypeLabel } from '../labels';
import { useLoad } from '../useLoad';

interface AccountProfileProps {
  appid: string;
  onBack: () => void;
  onEnter: (account: PublicAccount) => void;
}

/**
 * An account's profile page, where following happens: who the account is (name, 认证, type,
 * intro, original id), then 关注公众号, or 进入公众号 / 不再关注 for a follower.
 */
export function AccountProfile({ appid, onBack, onEnter }: AccountProfileProps) {
  const toast = useToast();
  const loaded = useLoad(() => api.account(appid), appid);
  const [busy, setBusy] = useState(false);
  const account = loaded.data?.account ?? null;

  async function follow(): Promise<void> {
    setBusy(true);
    try {
      const res = await api.follow(appid);
      loaded.setData({ account: res.account });
      toast(res.alreadyFollowing ? '已在关注' : '已关注');
    } catch (err) {
      toast(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function unfollow(): Promise<void> {
    setBusy(true);
    try {
      const res = await api.unfollow(appid);
      loaded.setData(res);
      toast('已不再关注');
    } catch (err) {
      toast(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="screen">
      <TitleBar title="" onBack={onBack} light />
      <main className="content content-white">
        {!account ? (
          <div className="empty">
            <p>{loaded.loading ? '加载中…' : (loaded.error ?? '公众号不存在')}</p>
            {!loaded.loading && (
              <button type="button" className="button button-plain" onClick={loaded.reload}>
                重试
              </button>
            )}
          </div>
        ) : (
          <>
            <div className="profile-head">
              <Avatar name={account.name} url={account.avatarUrl} size={64} />
              <div className="profile-names">
                <h2 className="profile-name" data-testid="account-name">
                  {account.name}
                  {account.verified && <VerifiedMark />}
                </h2>
                <div className="profile-tags">
                  <span className="chip" data-testid="account-type">
                    {accountTypeLabel(account.type)}
                  </span>
                  {account.verified && (
                    <span className="chip chip-blue" data-testid="verified-badge">
                      认证
                    </span>
                  )}
                  {account.following && (
                    <span className="chip chip-green" data-testid="following-label">
                      已关注
                    </span>
                  )}
                </div>
              </div>
            </div>

            <p className="profile-intro" data-testid="account-intro">
              {account.intro || '该公众号暂无简介'}
            </p>

            <dl className="profile-facts">
              <div>
                <dt>原始ID</dt>
                <dd data-testid="account-original-id">{account.originalId}</dd>
              </div>
              <div>
                <dt>账号类型</dt>
                <dd>{accountTypeLabel(account.type)}</dd>
              </div>
              <div>
                <dt>微信认证</dt>
                <dd>{account.verified ? '已认证' : '未认证'}</dd>
              </div>
            </dl>

            {account.following && account.type === 'service' && <NoticeSwitch appid={account.appid} />}

            <div className="profile-actions">
              {account.following ? (
                <>
                  <button
                    type="button"
                    className="button button-primary"
                    data-testid="enter-button"
                    onClick={() => onEnter(account)}
                  >
                    进入公众号
                  </button>
                  <button
                    type="button"
                    className="button button-plain"
                    data-testid="unfollow-button"
                    disabled={busy}
                    onClick={() => void unfollow()}
                  >
                    不再关注
                  </button>
                </>
              ) : (
                <button
                  type="button"
                  className="button button-primary"
                  data-testid="follow-button"
                  disabled={busy}
                  onClick={() => void follow()}
                >
                  关注公众号
                </button>
              )}
            </div>
          </>
        )}
      </main>
    </section>
  );
}
