import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { MenuButton } from '../api';

interface MenuBarProps {
  buttons: MenuButton[];
  /** A leaf button was tapped. */
  onTap: (button: MenuButton) => void;
  /** The keyboard toggle on the left. */
  toggle: ReactNode;
}

/**
 * The account's custom menu in place of the input bar: up to three buttons; one with sub buttons
 * opens a small list above it, as WeChat's does.
 */
export function MenuBar({ buttons, onTap, toggle }: MenuBarProps) {
  const [open, setOpen] = useState<number | null>(null);
  const bar = useRef<HTMLDivElement>(null);

  // A tap anywhere outside the bar closes the open list (without swallowing that tap).
  useEffect(() => {
    if (open === null) return;
    const close = (event: PointerEvent): void => {
      if (!bar.current?.contains(event.target as Node)) setOpen(null);
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [open]);
  const tap = (button: MenuButton): void => {
    setOpen(null);
    onTap(button);
  };
  return (
    <div className="menu-bar" data-testid="chat-menu" ref={bar}>
      {toggle}
      {buttons.slice(0, 3).map((button, i) => {
        const subs = button.type ? null : (button.sub_button ?? []);
        return (
          <div key={i} className="menu-cell">
            <button
              type="button"
              className="menu-button"
              data-testid="chat-menu-button"
              aria-expanded={subs ? open === i : undefined}
              onClick={() => (subs ? setOpen(open === i ? null : i) : tap(button))}
            >
              {subs && <span className="menu-lines" aria-hidden="true" />}
              {button.name}
            </button>
            {subs && open === i && (
              <ul className="menu-pop" role="menu">
                {subs.slice(0, 5).map((sub, j) => (
                  <li key={j}>
                    <button type="button" role="menuitem" data-testid="chat-submenu-item" onClick={() => tap(sub)}>
                      {sub.name}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
    </div>
  );
}
