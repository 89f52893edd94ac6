/**
 * WeChat XML, both directions (spec/callback-protocol.md §2.3, §5.5).
 *
 * Building guarantees — the exact style of real pushes, which every SDK parser accepts:
 * - one `<xml>` root, no declaration, no namespaces, no attributes, no whitespace between elements;
 * - elements in the insertion order of the field object (emit order is the spec's order);
 * - strings in CDATA (an empty string is `<![CDATA[]]>`); a value containing `]]>` is split across
 *   two CDATA sections, so it survives any conforming parser unchanged;
 * - numbers bare. Integers beyond 2^53 are refused rather than silently rounded; 64-bit ids
 *   (`MsgId`) are passed as decimal strings through {@link bare} and never touch a JS number;
 * - arrays are repeated elements (`{ item: [a, b] }` → `<item>…</item><item>…</item>`), nested
 *   objects are nested elements (`Articles`, `SendPicsInfo`, `ScanCodeInfo`, …);
 * - characters XML 1.0 cannot carry (most C0 controls, U+FFFE/U+FFFF, lone surrogates) are
 *   refused with `wechat.xml_build_failed` instead of producing a document SDKs would reject.
 *
 * Parsing guarantees — lenient about form, strict about safety:
 * - whitespace between elements, an XML declaration, a BOM, comments, any element order, CDATA or
 *   plain (entity-escaped) text are all accepted; unknown elements are kept and can be ignored;
 * - text is kept exactly as sent (`parseTagValue: false`): no number coercion, so a 19-digit
 *   `MsgId` or a millisecond `TimeStamp` comes back as the same string;
 * - any DOCTYPE / ENTITY / other DTD declaration is refused before the parser sees the input
 *   (no XXE, no billion laughs); only the five XML entities and numeric references are expanded;
 * - input above the caller's byte limit, nesting deeper than a small limit, several roots or a root
 *   other than `<xml>` are refused. Every failure is a {@link WechatProtocolError}.
 */
import { XMLParser } from 'fast-xml-parser';
import { wechatError } from './errors';

// ---------------------------------------------------------------------------------------------
// Building
// ---------------------------------------------------------------------------------------------

/** A numeric text node written bare (no CDATA), holding its decimal text exactly. */
export class XmlNumber {
  private constructor(readonly text: string) {}

  /** @internal use {@link bare}. */
  static of(text: string): XmlNumber {
    return new XmlNumber(text);
  }
}

const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/**
 * A bare numeric value given as its decimal text, e.g. `bare('6075283943937494502')`. This is how
 * 64-bit ids reach the wire without passing through a JS number. Throws `wechat.argument_invalid`
 * unless the text is a plain decimal (no exponent, no spaces).
 */
export function bare(decimal: string): XmlNumber {
  if (!DECIMAL.test(decimal)) {
    throw wechatError('wechat.argument_invalid', `not a plain decimal number: ${JSON.stringify(decimal)}`, {
      reason: 'not_decimal',
    });
  }
  return XmlNumber.of(decimal);
}

/** A leaf value: strings become CDATA, numbers / bigints / {@link XmlNumber} bare text. */
export type XmlScalar = string | number | bigint | XmlNumber;

/** An element's content: a leaf, nested fields, or a list meaning "repeat this element". */
export type XmlValue = XmlScalar | XmlFields | readonly (XmlScalar | XmlFields)[];

/** Ordered element map; `undefined` values are omitted (optional fields). */
export interface XmlFields {
  readonly [name: string]: XmlValue | undefined;
}

const ELEMENT_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
// XML 1.0 Char production: refuse what a conforming parser would reject.
const ILLEGAL_XML_CHAR =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ILLEGAL_XML_CHARS = new RegExp(ILLEGAL_XML_CHAR.source, 'g');

/**
 * Remove the characters XML 1.0 cannot carry. For inputs (follower text, article titles) that
 * should be cleaned once where they enter the system, so that a later push cannot fail.
 */
export function sanitizeXmlText(text: string): string {
  return text.replace(ILLEGAL_XML_CHARS, '');
}

/** `text` as one or more CDATA sections; `]]>` is split as `]]` + `>` across two sections. */
export function cdata(text: string): string {
  if (ILLEGAL_XML_CHAR.test(text)) {
    throw wechatError('wechat.xml_build_failed', 'text contains a character XML 1.0 cannot carry', { reason: 'illegal_char' });
  }
  return '<![CDATA[' + text.replaceAll(']]>', ']]]]><![CDATA[>') + ']]>';
}

function numberText(value: number, name: string): string {
  if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value))) {
    throw wechatError('wechat.xml_build_failed', `${name}: ${value} cannot be written exactly; pass bare('…')`, {
      reason: 'lossy_number',
      field: name,
    });
  }
  return Object.is(value, -0) ? '0' : String(value);
}

function isList(value: XmlValue): value is readonly (XmlScalar | XmlFields)[] {
  return Array.isArray(value);
}

function writeElement(name: string, value: XmlValue, out: string[]): void {
  if (!ELEMENT_NAME.test(name)) {
    throw wechatError('wechat.xml_build_failed', `invalid element name ${JSON.stringify(name)}`, {
      reason: 'bad_name',
      field: name,
    });
  }
  if (isList(value)) {
    for (const item of value) {
      if (Array.isArray(item)) {
        throw wechatError('wechat.xml_build_failed', `${name}: nested lists have no XML form`, {
          reason: 'nested_list',
          field: name,
        });
      }
      writeElement(name, item, out);
    }
    return;
  }
  out.push('<', name, '>');
  if (typeof value === 'string') out.push(cdata(value));
  else if (typeof value === 'number') out.push(numberText(value, name));
  else if (typeof value === 'bigint') out.push(value.toString());
  else if (value instanceof XmlNumber) out.push(value.text);
  else writeFields(value, out);
  out.push('</', name, '>');
}

function writeFields(fields: XmlFields, out: string[]): void {
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) writeElement(name, value, out);
  }
}

/**
 * Serialise `fields` as `<xml>…</xml>` in WeChat's style (see the file header). Throws
 * `wechat.xml_build_failed` for a value that cannot be written faithfully.
 */
export function buildXml(fields: XmlFields): string {
  const out: string[] = ['<xml>'];
  writeFields(fields, out);
  out.push('</xml>');
  return out.join('');
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/** A parsed element: name, ordered child elements, and its text when it is a leaf. */
export interface XmlElement {
  readonly name: string;
  /**
   * Leaf text, exactly as sent: CDATA sections and entity-decoded text concatenated. Whitespace
   * that only formats CDATA (`<A>\n  <![CDATA[x]]>\n</A>`) is dropped. `''` for elements with
   * child elements.
   */
  readonly text: string;
  readonly children: readonly XmlElement[];
}

/** Limits for {@link parseXml}. */
export interface ParseXmlOptions {
  /** Largest accepted input, in UTF-8 bytes. */
  readonly maxBytes: number;
  /** Deepest accepted element nesting (`<xml>` is depth 1). WeChat XML needs 4. Default 16. */
  readonly maxDepth?: number;
}

const parser = new XMLParser({
  preserveOrder: true,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: false,
  cdataPropName: '#cdata',
  // `true` here means: the five XML entities plus numeric character references (`&#20320;`).
  htmlEntities: true,
  // DTDs are refused before parsing (see rejectDtd); these limits are a second wall.
  processEntities: { enabled: true, maxEntityCount: 1, maxEntitySize: 1, maxExpansionDepth: 1 },
});

const DTD_DECLARATION = /^<!(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i;

/** Refuse any `<!…>` that is not CDATA or a comment: that is only ever DTD markup. */
function rejectDtd(text: string): void {
  let at = text.indexOf('<!');
  while (at !== -1) {
    let end: number;
    if (text.startsWith('<![CDATA[', at)) end = text.indexOf(']]>', at + 9);
    else if (text.startsWith('<!--', at)) end = text.indexOf('-->', at + 4);
    else if (DTD_DECLARATION.test(text.slice(at, at + 10))) {
      throw wechatError('wechat.xml_doctype', 'DOCTYPE and ENTITY declarations are not accepted', { reason: 'doctype' });
    } else {
      throw wechatError('wechat.xml_invalid', 'unexpected <! markup', { reason: 'malformed' });
    }
    if (end === -1) throw wechatError('wechat.xml_invalid', 'unterminated CDATA section or comment', { reason: 'malformed' });
    at = text.indexOf('<!', end + 3);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeInput(input: string | Uint8Array, maxBytes: number): string {
  const bytes = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (bytes > maxBytes) {
    throw wechatError('wechat.xml_too_large', `XML is ${bytes} bytes, over the ${maxBytes}-byte limit`, {
      reason: 'too_large',
      bytes,
      maxBytes,
    });
  }
  if (typeof input === 'string') return input.replace(/^\uFEFF/, '');
  try {
    return utf8.decode(input); // strips a BOM
  } catch {
    throw wechatError('wechat.xml_invalid', 'XML is not valid UTF-8', { reason: 'not_utf8' });
  }
}

type OrderedNode = Record<string, unknown>;

function isNodeList(value: unknown): value is OrderedNode[] {
  return Array.isArray(value) && value.every((n) => typeof n === 'object' && n !== null);
}

function nodeName(node: OrderedNode): string | undefined {
  return Object.keys(node).find((k) => k !== ':@');
}

function textOf(node: OrderedNode): string {
  const value = node['#text'];
  return typeof value === 'string' ? value : '';
}

function toElement(name: string, nodes: OrderedNode[], depth: number, maxDepth: number): XmlElement {
  if (depth > maxDepth) {
    throw wechatError('wechat.xml_invalid', `elements nested deeper than ${maxDepth}`, { reason: 'too_deep' });
  }
  const children: XmlElement[] = [];
  const pieces: { text: string; cdata: boolean }[] = [];
  for (const node of nodes) {
    const key = nodeName(node);
    if (key === undefined) continue;
    const value = node[key];
    if (key === '#text') {
      pieces.push({ text: typeof value === 'string' ? value : '', cdata: false });
    } else if (key === '#cdata') {
      pieces.push({ text: isNodeList(value) ? value.map(textOf).join('') : '', cdata: true });
    } else if (isNodeList(value)) {
      children.push(toElement(key, value, depth + 1, maxDepth));
    }
  }
  let text = '';
  if (children.length === 0) {
    const hasCdata = pieces.some((p) => p.cdata);
    // With CDATA present, whitespace-only plain text around it is formatting, not content.
    text = pieces
      .filter((p) => p.cdata || !hasCdata || p.text.trim() !== '')
      .map((p) => p.text)
      .join('');
  }
  return { name, text, children };
}

/**
 * Parse WeChat XML leniently and safely (see the file header) and return the `<xml>` root.
 *
 * Throws `wechat.xml_too_large`, `wechat.xml_doctype`, `wechat.xml_invalid` or `wechat.xml_root`.
 */
export function parseXml(input: string | Uint8Array, options: ParseXmlOptions): XmlElement {
  const text = decodeInput(input, options.maxBytes);
  rejectDtd(text);
  let parsed: unknown;
  try {
    parsed = parser.parse(text, true);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    throw wechatError('wechat.xml_invalid', `malformed XML: ${message}`, { reason: 'malformed' });
  }
  const roots = (isNodeList(parsed) ? parsed : []).filter((n) => {
    const key = nodeName(n);
    return key !== undefined && key !== '#text';
  });
  const root = roots[0];
  const rootName = root === undefined ? undefined : nodeName(root);
  if (roots.length !== 1 || root === undefined || rootName !== 'xml') {
    throw wechatError('wechat.xml_root', 'expected a single <xml> root element', {
      reason: 'bad_root',
      root: rootName ?? null,
    });
  }
  const content = root[rootName];
  return toElement('xml', isNodeList(content) ? content : [], 1, options.maxDepth ?? 16);
}

/** First child element called `name`, if any. */
export function childElement(parent: XmlElement, name: string): XmlElement | undefined {
  return parent.children.find((c) => c.name === name);
}

/** Every child element called `name`, in document order. */
export function childElements(parent: XmlElement, name: string): XmlElement[] {
  return parent.children.filter((c) => c.name === name);
}

/**
 * Text of the first child called `name`; `undefined` when there is no such child or when it has
 * child elements of its own (it is then not a text field).
 */
export function childText(parent: XmlElement, name: string): string | undefined {
  const el = childElement(parent, name);
  return el === undefined || el.children.length > 0 ? undefined : el.text;
}
