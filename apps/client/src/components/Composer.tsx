import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';

interface ComposerProps {
  disabled?: boolean;
  placeholder?: string;
  /** Sends the text; a `false` answer (failed) puts it back if nothing new was typed. */
  onSend?: (text: string) => Promise<boolean>;
  /** Left of the input (the menu toggle). */
  before?: ReactNode;
  /** Right of the send button (the "+" toggle). */
  after?: ReactNode;
  onFocus?: () => void;
}

/** The input bar at the bottom of a chat; Enter sends. */
export function Composer({ disabled = false, placeholder = '', onSend, before, after, onFocus }: ComposerProps) {
  const [text, setText] = useState('');

  function submit(event: FormEvent): void {
    event.preventDefault();
    const value = text.trim();
    if (!value || disabled || !onSend) return;
    setText('');
    void onSend(value).then((sent) => sent || setText((now) => now || value));
  }

  return (
    <form className="composer" onSubmit={submit}>
      {before}
      <input
        data-testid="chat-input"
        value={text}
        disabled={disabled}
        placeholder={placeholder}
        enterKeyHint="send"
        onFocus={onFocus}
        onChange={(e) => setText(e.target.value)}
      />
      <button
        type="submit"
        className="button button-primary button-small"
        data-testid="chat-send"
        disabled={disabled || !text.trim()}
      >
        发送
      </button>
      {after}
    </form>
  );
}
