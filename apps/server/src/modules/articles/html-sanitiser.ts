/**
 * The HTML sanitiser of article content (`draft/add`, `draft/update`): WeChat keeps the markup of
 * an article (sections, inline styles, SVG layouts, custom `mp-*` tags) and strips what could run
 * code, and so does gzh.
 *
 * How it stays safe: the input is tokenised the way a browser's tokeniser reads it and then
 * re-serialised from the tokens, never passed through. Text has `<` and `>` escaped, so the
 * browser cannot find a tag the sanitiser did not see; every attribute is re-quoted from its
 * decoded value; comments, `<!…>` and `<?…>` constructs are dropped; and elements whose content a
 * browser reads as raw text (script, style, noscript, iframe, textarea, …) are dropped with that
 * content, which removes the classic parser-differential (mXSS) paths. What remains is filtered:
 * event-handler attributes, `javascript:`-like values, non-image `data:` URLs, and elements that
 * load or submit elsewhere (base, meta, link, form controls, object/embed) are removed.
 *
 * The article page also sends a nonce-based Content-Security-Policy, so anything this file missed
 * still could not execute.
 */

/** Dropped together with everything up to their end tag (browsers read that content as raw text). */
const RAW_TEXT_DROPPED = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'textarea', 'title']);

/** Dropped tags whose content is kept (it is ordinary markup or fallback text). */
const TAGS_DROPPED = new Set([
  'html',
  'head',
  'body',
  'base',
  'meta',
  'link',
  'form',
  'input',
  'button',
  'select',
  'option',
  'optgroup',
  'datalist',
  'keygen',
  'object',
  'embed',
  'applet',
  'param',
  'frame',
  'frameset',
  'portal',
  'template',
  'slot',
]);

/** HTML void elements: never given an end tag. */
const VOID = new Set(['area', 'br', 'col', 'hr', 'img', 'source', 'track', 'wbr']);

/** Attributes removed whatever their value. */
const ATTRIBUTES_DROPPED = new Set(['srcdoc', 'formaction', 'action', 'http-equiv', 'ping', 'is']);

/** Attributes holding a URL, where `data:` is refused (except images, see {@link allowsDataImage}). */
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'srcset',
  'xlink:href',
  'background',
  'poster',
  'cite',
  'data',
  'lowsrc',
  'dynsrc',
  'codebase',
  'longdesc',
  'usemap',
  'manifest',
]);

/** Schemes that run code wherever a browser finds them in a URL-like value. */
const SCRIPT_SCHEME = /(?:java|vb|live)script:|mocha:/;
/** Old CSS code hooks (IE expressions, XBL bindings); a style holding one is dropped. */
const STYLE_CODE = /expression\(|behavior:|-moz-binding/;
const DATA_IMAGE = /^data:image\/(?:png|jpe?g|gif|webp|bmp);base64,/;
const TAG_NAME = /^[a-zA-Z][a-zA-Z0-9:-]*$/;
const ATTRIBUTE_NAME = /^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/;

/** A token of the input, as a browser's tokeniser would cut it. */
type Token =
  | { type: 'text'; raw: string }
  | { type: 'start'; name: string; attributes: RawAttribute[]; selfClosing: boolean }
  | { type: 'end'; name: string };

interface RawAttribute {
  name: string;
  /** The value as written (entities not decoded); `null` for a bare attribute. */
  value: string | null;
}

/** Makes article HTML safe to serve on gzh's own origin (see the file comment). */
export function sanitiseHtml(html: string): string {
  let out = '';
  for (const token of tokenise(html)) {
    if (token.type === 'text') {
      out += token.raw.replace(/</g, '&lt;').replace(/>/g, '&gt;');
    } else if (token.type === 'end') {
      if (!TAGS_DROPPED.has(token.name) && !VOID.has(token.name) && !RAW_TEXT_DROPPED.has(token.name)) {
        out += `</${token.name}>`;
      }
    } else if (!TAGS_DROPPED.has(token.name)) {
      out += `<${token.name}${cleanAttributes(token.name, token.attributes)}${token.selfClosing ? ' />' : '>'}`;
    }
  }
  return out;
}

/** Elements after which the text of an article continues on a new line (for digests). */
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'br',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'td',
  'th',
  'blockquote',
  'hr',
  'ul',
  'ol',
  'table',
  'pre',
  'figure',
  'figcaption',
]);

/**
 * The readable text of article HTML: tags removed, entities decoded, whitespace collapsed.
 * Used for the default digest (WeChat's "first 54 characters of the content").
 */
export function htmlToText(html: string): string {
  let text = '';
  for (const token of tokenise(html)) {
    if (token.type === 'text') text += decodeEntities(token.raw);
    else if (BLOCKS.has(token.name)) text += ' ';
  }
  return text.replace(/\s+/g, ' ').trim();
}

function cleanAttributes(tag: string, attributes: RawAttribute[]): string {
  const seen = new Set<string>();
  let out = '';
  for (const attribute of attributes) {
    const name = attribute.name.toLowerCase();
    // Browsers keep the first of duplicated attributes; checking any other would be checking
    // something the browser never uses.
    if (seen.has(name)) continue;
    seen.add(name);
    if (!ATTRIBUTE_NAME.test(attribute.name) || name.startsWith('on') || ATTRIBUTES_DROPPED.has(name)) continue;
    if (attribute.value === null) {
      out += ` ${attribute.name}`;
      continue;
    }
    const value = decodeEntities(attribute.value);
    if (!valueAllowed(tag, name, value)) continue;
    out += ` ${attribute.name}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`;
  }
  return out;
}

function valueAllowed(tag: string, name: string, value: string): boolean {
  // What a URL parser sees: ASCII whitespace and control characters are ignored inside schemes.
  // eslint-disable-next-line no-control-regex
  const squeezed = value.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
  if (SCRIPT_SCHEME.test(squeezed)) return false;
  if (name === 'style' && STYLE_CODE.test(squeezed)) return false;
  // SVG animation of an event handler (`<set attributeName="onclick" to="…">`).
  if (name === 'attributename' && squeezed.startsWith('on')) return false;
  if (URL_ATTRIBUTES.has(name) && squeezed.startsWith('data:')) return allowsDataImage(tag, name, squeezed);
  return true;
}

/** Inline images (`<img src="data:image/png;base64,…">`) are kept; other data URLs are not. */
function allowsDataImage(tag: string, name: string, squeezed: string): boolean {
  return (tag === 'img' || tag === 'source') && (name === 'src' || name === 'srcset') && DATA_IMAGE.test(squeezed);
}

/** Cuts HTML into tokens following the HTML tokeniser's rules for tags, comments and raw text. */
function* tokenise(html: string): Generator<Token> {
  let i = 0;
  let textStart = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    const next = html[lt + 1] ?? '';
    let end: number;
    let token: Exclude<Token, { type: 'text' }> | null = null;
    if (html.startsWith('<!--', lt)) {
      end = commentEnd(html, lt);
    } else if (next === '!' || next === '?') {
      end = afterGt(html, lt + 2);
    } else if (next === '/' && /[a-zA-Z]/.test(html[lt + 2] ?? '')) {
      const name = readName(html, lt + 2);
      end = afterGt(html, lt + 2 + name.length);
      token = { type: 'end', name: name.toLowerCase() };
    } else if (/[a-zA-Z]/.test(next)) {
      const tag = readStartTag(html, lt);
      if (!tag) {
        // An unterminated tag at the end of the input: a browser drops it, and so does gzh.
        end = n;
      } else {
        end = tag.end;
        token = tag.token;
      }
    } else {
      // A `<` that opens nothing is text (escaped on output).
      i = lt + 1;
      continue;
    }
    if (lt > textStart) yield { type: 'text', raw: html.slice(textStart, lt) };
    if (token && token.type === 'start' && token.name === 'plaintext') return;
    if (token && token.type === 'start' && RAW_TEXT_DROPPED.has(token.name)) {
      // `/>` is ignored on HTML elements; in SVG it would close the element, and dropping up to
      // the end tag then removes more than the browser would, which is the safe direction.
      end = rawTextEnd(html, end, token.name);
      token = null;
    }
    if (token && TAG_NAME.test(token.name)) yield token;
    i = end;
    textStart = end;
  }
  if (textStart < n) yield { type: 'text', raw: html.slice(textStart) };
}

/** End of a comment: `-->`, or the short forms `<!-->` and `<!--->`; the input's end otherwise. */
function commentEnd(html: string, lt: number): number {
  if (html.startsWith('<!-->', lt)) return lt + 5;
  if (html.startsWith('<!--->', lt)) return lt + 6;
  const close = html.indexOf('-->', lt + 4);
  const bang = html.indexOf('--!>', lt + 4);
  const candidates = [close < 0 ? Infinity : close + 3, bang < 0 ? Infinity : bang + 4];
  const end = Math.min(...candidates);
  return end === Infinity ? html.length : end;
}

function afterGt(html: string, from: number): number {
  const gt = html.indexOf('>', from);
  return gt < 0 ? html.length : gt + 1;
}

/** Position after the end tag of a raw-text element (case-insensitive), or the input's end. */
function rawTextEnd(html: string, from: number, name: string): number {
  const pattern = new RegExp(`</${name}(?=[\\s/>])`, 'ig');
  pattern.lastIndex = from;
  const match = pattern.exec(html);
  return match ? afterGt(html, match.index + match[0].length) : html.length;
}

function readName(html: string, from: number): string {
  let j = from;
  while (j < html.length && !/[\s/>]/.test(html[j]!)) j++;
  return html.slice(from, j);
}

/** Reads `<name attr=value …>`; `null` when the input ends inside the tag. */
function readStartTag(html: string, lt: number): { token: Extract<Token, { type: 'start' }>; end: number } | null {
  const name = readName(html, lt + 1);
  const attributes: RawAttribute[] = [];
  let j = lt + 1 + name.length;
  const n = html.length;
  let selfClosing = false;
  for (;;) {
    while (j < n && /[\s/]/.test(html[j]!)) {
      selfClosing = html[j] === '/';
      j++;
    }
    if (j >= n) return null;
    if (html[j] === '>') return { token: { type: 'start', name: name.toLowerCase(), attributes, selfClosing }, end: j + 1 };
    selfClosing = false;
    // An attribute name runs to whitespace, `/`, `>` or `=` (a leading `=` belongs to the name).
    const nameStart = j;
    j++;
    while (j < n && !/[\s/>=]/.test(html[j]!)) j++;
    const attributeName = html.slice(nameStart, j);
    let k = j;
    while (k < n && /\s/.test(html[k]!)) k++;
    if (html[k] !== '=') {
      attributes.push({ name: attributeName, value: null });
      continue;
    }
    k++;
    while (k < n && /\s/.test(html[k]!)) k++;
    if (k >= n) return null;
    const quote = html[k];
    if (quote === '"' || quote === "'") {
      const close = html.indexOf(quote, k + 1);
      if (close < 0) return null;
      attributes.push({ name: attributeName, value: html.slice(k + 1, close) });
      j = close + 1;
    } else {
      let e = k;
      while (e < n && !/[\s>]/.test(html[e]!)) e++;
      attributes.push({ name: attributeName, value: html.slice(k, e) });
      j = e;
    }
  }
}

/**
 * Named references gzh decodes: the markup ones, the ones that matter for URL schemes
 * (`&colon;`, `&Tab;`, `&NewLine;`) and those common in Chinese article HTML. An unknown
 * reference stays literal text, which is safe (it cannot become a character the checks missed).
 */
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  colon: ':',
  Tab: '\t',
  NewLine: '\n',
  lpar: '(',
  rpar: ')',
  sol: '/',
  bsol: '\\',
  semi: ';',
  comma: ',',
  period: '.',
  excl: '!',
  num: '#',
  percnt: '%',
  equals: '=',
  copy: '©',
  reg: '®',
  trade: '™',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  middot: '·',
  bull: '•',
  times: '×',
  divide: '÷',
  yen: '¥',
  deg: '°',
  plusmn: '±',
  laquo: '«',
  raquo: '»',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  zwnj: '\u200c',
  zwj: '\u200d',
};

/** Decodes character references: numeric (with or without `;`) and the {@link NAMED} ones. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    /&(?:#[xX]([0-9a-fA-F]+);?|#([0-9]+);?|([A-Za-z][A-Za-z0-9]*);)/g,
    (whole, hex?: string, dec?: string, name?: string) => {
      if (name !== undefined) return Object.hasOwn(NAMED, name) ? NAMED[name]! : whole;
      const code = hex !== undefined ? parseInt(hex, 16) : parseInt(dec!, 10);
      if (!Number.isFinite(code) || code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(code);
    },
  );
}
