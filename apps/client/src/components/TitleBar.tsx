import type { ReactNode } from 'react';

interface TitleBarProps {
  title: string;
  /** Shows the back arrow when given. */
  onBack?: () => void;
  /** An action on the right (e.g. the profile icon of a chat). */
  right?: ReactNode;
  /** White bar (chat, profile) instead of WeChat's grey. */
  light?: boolean;
}

/** WeChat's top bar: centred title, back arrow on the left, one optional action on the right. */
export function TitleBar({ title, onBack, right, light = false }: TitleBarProps) {
  return (
    <header className={light ? 'title-bar title-bar-light' : 'title-bar'}>
      <div className="title-bar-side">
        {onBack && (
          <button type="button" className="icon-button" onClick={onBack} aria-label="返回" data-testid="back-button">
            <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
              <path d="M15 4l-8 8 8 8" fill="none" stroke="currentColor" strokeWidth="2" />
            </svg>
          </button>
        )}
      </div>
      <h1 className="title-bar-title">{title}</h1>
      <div className="title-bar-side title-bar-right">{right}</div>
    </header>
  );
}
