import type { FollowResponse } from '@gzh/contracts';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, errorMessage } from '../api';
import { TitleBar } from '../components/TitleBar';
import { useToast } from '../components/Toast';
import { toScanRequest } from '../scan';

interface ScanScreenProps {
  onBack: () => void;
  /** Called with the account the QR code followed (or that was already followed). */
  onScanned: (result: FollowResponse) => void;
}

/**
 * 扫一扫. A browser tab has no camera pipeline worth shipping here, so the person pastes what the
 * QR code holds (its URL or ticket); the server treats it exactly as a scan from WeChat, including
 * the subscribe or SCAN event pushed to the developer.
 */
export function ScanScreen({ onBack, onScanned }: ScanScreenProps) {
  const toast = useToast();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (busy) return;
    const request = toScanRequest(text);
    if (!request) {
      toast('请粘贴二维码链接或 ticket');
      return;
    }
    setBusy(true);
    try {
      const result = await api.scan(request);
      onScanned(result);
    } catch (err) {
      toast(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <section className="screen screen-dark">
      <TitleBar title="扫一扫" onBack={onBack} />
      <main className="content content-dark">
        <div className="viewfinder" aria-hidden="true">
          <span className="viewfinder-line" />
        </div>
        <form className="scan-form" onSubmit={(e) => void submit(e)}>
          <label className="scan-label" htmlFor="scan-input">
            粘贴二维码中的链接或 ticket
          </label>
          <textarea
            id="scan-input"
            data-testid="scan-input"
            rows={3}
            value={text}
            placeholder="例如 http://localhost:3000/q/… 或 gQH…"
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
          />
          <button type="submit" className="button button-primary" data-testid="scan-submit" disabled={busy}>
            {busy ? '识别中…' : '扫描'}
          </button>
        </form>
      </main>
    </section>
  );
}
