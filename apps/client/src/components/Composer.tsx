import { useState } from 'react';
import type { FormEvent } from 'react';

interface ComposerProps {
  /** Disabled until messaging lands; the bar is shown so the chat looks and lays out as it will. */
  disabled?: boolean;
  placeholder?: string;
  onSend?: (text: string) => void;
}

/** The input bar at the bottom of a chat. */
export function Composer({ disabled = false, placeholder = '', onSend }: ComposerProps) {
  const [text, setText] = useState('');

  function submit(event: FormEvent): void {
    event.preventDefault();
    const value = text.trim();
    if (!value || disabled || !onSend) return;
    onSend(value);
    setText('');
  }

  return (
    <form className="composer" onSubmit={submit}>
      <input
        data-testid="chat-input"
        value={text}
        disabled={disabled}
        placeholder={placeholder}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" className="button button-primary button-small" disabled={disabled || !text.trim()}>
        发送
      </button>
    </form>
  );
}
