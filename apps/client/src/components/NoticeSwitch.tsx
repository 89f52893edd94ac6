import { useState } from 'react';
import { api, errorMessage } from '../api';
import { useLoad } from '../useLoad';
import { useToast } from './Toast';

/**
 * "接收模板消息" on a followed service account's profile: WeChat's per-account switch for template
 * notices. Off means the account's `message/template/send` to this person answers 43101.
 */
export function NoticeSwitch({ appid }: { appid: string }) {
  const toast = useToast();
  const loaded = useLoad(() => api.notices(appid), appid);
  const [busy, setBusy] = useState(false);
  const receiving = loaded.data ? !loaded.data.blocked : null;

  async function toggle(): Promise<void> {
    if (receiving === null) return;
    setBusy(true);
    try {
      loaded.setData(await api.setNotices(appid, receiving));
      toast(receiving ? '已关闭模板消息' : '已开启模板消息');
    } catch (err) {
      toast(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="profile-switch">
      <span>
        接收模板消息
        <small>关闭后将不再收到该公众号的服务通知</small>
      </span>
      <button
        type="button"
        role="switch"
        className="switch"
        aria-checked={receiving ?? false}
        aria-label="接收模板消息"
        data-testid="notice-switch"
        disabled={busy || receiving === null}
        onClick={() => void toggle()}
      />
    </div>
  );
}
