/**
 * Pretty-printing of callback bodies for the delivery ledger: WeChat XML indented two spaces per
 * level with text-only elements kept on one line, JSON re-indented, anything else unchanged.
 * Never throws, and returns the input untouched when it is not well-nested XML.
 */

const TOKEN = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<![^>]*>|<\/?[^>]+>|[^<]+/g;

type Token = { kind: 'open' | 'close' | 'self' | 'text' | 'other'; text: string; name?: string };

function tokenize(xml: string): Token[] | null {
  const tokens: Token[] = [];
  let consumed = 0;
  for (const match of xml.matchAll(TOKEN)) {
    if (match.index !== consumed) return null;
    const text = match[0];
    consumed += text.length;
    if (text.startsWith('<![CDATA[')) tokens.push({ kind: 'text', text });
    else if (text.startsWith('<?') || text.startsWith('<!')) tokens.push({ kind: 'other', text });
    else if (text.startsWith('</')) tokens.push({ kind: 'close', text, name: text.slice(2, -1).trim() });
    else if (text.startsWith('<')) {
      const name = /^<([^\s/>]+)/.exec(text)?.[1];
      if (!name) return null;
      tokens.push({ kind: text.endsWith('/>') ? 'self' : 'open', text, name });
    } else tokens.push({ kind: 'text', text });
  }
  return consumed === xml.length ? tokens : null;
}

/** XML indented for reading; the input itself when it cannot be parsed as nested elements. */
export function prettyXml(xml: string): string {
  const source = xml.trim();
  const tokens = tokenize(source);
  if (!tokens) return xml;
  const lines: string[] = [];
  const stack: string[] = [];
  const pad = () => '  '.repeat(stack.length);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token) continue;
    if (token.kind === 'text') {
      if (token.text.trim() === '') continue;
      lines.push(pad() + token.text.trim());
    } else if (token.kind === 'other' || token.kind === 'self') {
      lines.push(pad() + token.text);
    } else if (token.kind === 'open') {
      // <Tag>text or CDATA</Tag> stays on one line.
      let j = i + 1;
      let inner = '';
      while (tokens[j]?.kind === 'text') inner += tokens[j++]?.text ?? '';
      const after = tokens[j];
      if (after?.kind === 'close' && after.name === token.name) {
        lines.push(pad() + token.text + inner + after.text);
        i = j;
        continue;
      }
      lines.push(pad() + token.text);
      stack.push(token.name ?? '');
    } else {
      if (stack.pop() !== token.name) return xml;
      lines.push(pad() + token.text);
    }
  }
  return stack.length === 0 ? lines.join('\n') : xml;
}

/** What a body looks like, for choosing how to show it. */
export function bodyKind(body: string): 'xml' | 'json' | 'text' | 'empty' {
  const text = body.trim();
  if (text === '') return 'empty';
  if (text.startsWith('<')) return 'xml';
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      JSON.parse(text);
      return 'json';
    } catch {
      return 'text';
    }
  }
  return 'text';
}

/** A body pretty-printed according to its kind. */
export function prettyBody(body: string): string {
  const kind = bodyKind(body);
  if (kind === 'xml') return prettyXml(body);
  if (kind === 'json') return JSON.stringify(JSON.parse(body), null, 2);
  return body;
}

/** Query-string parameters in order (signature, timestamp, nonce, openid, encrypt_type, msg_signature…). */
export function queryParams(query: string): Array<[string, string]> {
  const text = query.startsWith('?') ? query.slice(1) : query;
  if (!text) return [];
  return [...new URLSearchParams(text).entries()];
}

/** The URL the push was sent to, with its query string. */
export function fullUrl(url: string, query: string): string {
  const q = query.startsWith('?') ? query.slice(1) : query;
  if (!q) return url;
  return url + (url.includes('?') ? '&' : '?') + q;
}

/**
 * Lines that differ between two texts, by index on each side (a longest-common-subsequence line
 * diff). Returns null when the texts are too large to diff cheaply in the browser.
 */
export function changedLines(a: string, b: string, maxCells = 250_000): { left: Set<number>; right: Set<number> } | null {
  const x = a.split('\n');
  const y = b.split('\n');
  if (x.length * y.length > maxCells) return null;
  // lcs[i][j] = LCS length of x[i..] and y[j..]
  const lcs: number[][] = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) {
    const row = lcs[i] as number[];
    const below = lcs[i + 1] as number[];
    for (let j = y.length - 1; j >= 0; j--) {
      row[j] = x[i] === y[j] ? (below[j + 1] ?? 0) + 1 : Math.max(below[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const left = new Set<number>();
  const right = new Set<number>();
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      i++;
      j++;
    } else if ((lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0)) left.add(i++);
    else right.add(j++);
  }
  while (i < x.length) left.add(i++);
  while (j < y.length) right.add(j++);
  return { left, right };
}
