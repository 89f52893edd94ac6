import type { SendMessageRequest } from '@gzh/contracts';
import { useState } from 'react';
import type { FormEvent } from 'react';

type Kind = 'image' | 'voice' | 'location' | 'link';
type Values = Record<string, string>;

/** Each item of the panel: its label, icon, the fields it asks for (name, label, prefill), and the message it makes. */
const ITEMS: Record<
  Kind,
  { label: string; icon: string; fields: [string, string, string][]; make: (v: Values) => SendMessageRequest }
> = {
  image: {
    label: '图片',
    icon: 'M4 5h16v14H4zM4 16l5-5 4 4 2-2 5 5M15.5 9.5h.01',
    fields: [['picUrl', '图片地址', '']],
    make: (v) => ({ type: 'image', picUrl: v.picUrl ?? '' }),
  },
  voice: {
    label: '语音',
    icon: 'M12 3a3 3 0 00-3 3v6a3 3 0 006 0V6a3 3 0 00-3-3zM6 11a6 6 0 0012 0M12 17v4',
    fields: [['recognition', '识别文字', '']],
    make: (v) => ({ type: 'voice', format: 'amr', ...(v.recognition && { recognition: v.recognition }) }),
  },
  location: {
    label: '位置',
    icon: 'M12 21s7-6.2 7-12a7 7 0 00-14 0c0 5.8 7 12 7 12zM12 11.5a2.5 2.5 0 100-5 2.5 2.5 0 000 5z',
    fields: [
      ['latitude', '纬度', '39.9042'],
      ['longitude', '经度', '116.4074'],
      ['label', '地点', '北京市东城区天安门'],
    ],
    make: (v) => ({
      type: 'location',
      latitude: Number(v.latitude),
      longitude: Number(v.longitude),
      scale: 15,
      label: v.label ?? '',
    }),
  },
  link: {
    label: '链接',
    icon: 'M10 14a4 4 0 005.7 0l3-3a4 4 0 00-5.7-5.7l-1 1M14 10a4 4 0 00-5.7 0l-3 3a4 4 0 005.7 5.7l1-1',
    fields: [
      ['title', '标题', ''],
      ['url', '网址', 'https://'],
    ],
    make: (v) => ({ type: 'link', title: v.title ?? '', description: '', url: v.url ?? '' }),
  },
};

interface PlusPanelProps {
  /** Sends the message; resolves true when it was sent. */
  onSend: (request: SendMessageRequest) => Promise<boolean>;
}

/** The "+" panel under the input bar: picture, voice, location and link, each with a small form. */
export function PlusPanel({ onSend }: PlusPanelProps) {
  const [kind, setKind] = useState<Kind | null>(null);
  const [values, setValues] = useState<Values>({});
  const [busy, setBusy] = useState(false);

  const choose = (next: Kind): void => {
    setKind(next);
    setValues(Object.fromEntries(ITEMS[next].fields.map(([name, , value]) => [name, value])));
  };

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (!kind || busy) return;
    const trimmed = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()]));
    setBusy(true);
    void onSend(ITEMS[kind].make(trimmed)).then((sent) => {
      setBusy(false);
      if (sent) setKind(null);
    });
  }

  if (!kind) {
    return (
      <div className="plus-panel plus-grid" data-testid="plus-panel">
        {(Object.keys(ITEMS) as Kind[]).map((k) => (
          <button key={k} type="button" className="plus-item" data-testid={`plus-${k}`} onClick={() => choose(k)}>
            <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">
              <path d={ITEMS[k].icon} fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
            </svg>
            {ITEMS[k].label}
          </button>
        ))}
      </div>
    );
  }

  return (
    <form className="plus-panel form" data-testid="plus-form" onSubmit={submit}>
      {ITEMS[kind].fields.map(([name, label]) => (
        <label key={name} className="field">
          <span>{label}</span>
          <input
            data-testid={`plus-field-${name}`}
            value={values[name] ?? ''}
            placeholder={kind === 'voice' ? '可不填' : ''}
            onChange={(e) => setValues((prev) => ({ ...prev, [name]: e.target.value }))}
          />
        </label>
      ))}
      <div className="plus-actions">
        <button type="button" className="button button-plain button-small" onClick={() => setKind(null)}>
          取消
        </button>
        <button type="submit" className="button button-primary button-small" data-testid="plus-submit" disabled={busy}>
          发送{ITEMS[kind].label}
        </button>
      </div>
    </form>
  );
}
