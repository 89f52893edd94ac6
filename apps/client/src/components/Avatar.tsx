import { useState } from 'react';

const COLORS = ['#07c160', '#10aeff', '#fa9d3b', '#576b95', '#fa5151', '#6467f0', '#1aad19', '#c87d2f'];

/** A stable colour per name, so the same account always looks the same. */
export function avatarColor(name: string): string {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return COLORS[hash % COLORS.length] ?? '#07c160';
}

/** The first visible character of a name (whole emoji and CJK characters, not half of one). */
export function initial(name: string): string {
  return Array.from(name.trim())[0]?.toUpperCase() ?? '?';
}

interface AvatarProps {
  name: string;
  url?: string;
  size?: number;
  round?: boolean;
}

/**
 * Account and person avatars. Most accounts have no picture yet, so the placeholder (first
 * character on a coloured tile) is the normal case; a real picture covers it when it loads.
 */
export function Avatar({ name, url, size = 40, round = false }: AvatarProps) {
  const [failed, setFailed] = useState(false);
  const style = {
    width: size,
    height: size,
    fontSize: Math.round(size * 0.45),
    background: avatarColor(name),
    borderRadius: round ? '50%' : Math.max(4, Math.round(size / 10)),
  };
  return (
    <span className="avatar" style={style} aria-hidden="true">
      {initial(name)}
      {url && !failed && <img src={url} alt="" onError={() => setFailed(true)} />}
    </span>
  );
}
