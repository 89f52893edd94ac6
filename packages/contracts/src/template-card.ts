/**
 * How a template notice's content (`{{first.DATA}}\n订单号：{{keyword1.DATA}}…`) is read and
 * filled, in one place for the server's `message/template/send` checks, the follower client's
 * card and the console's live preview, so all three agree on what a placeholder is.
 *
 * No zod here: the follower client imports this file on its own (`@gzh/contracts/template-card`)
 * and must stay small.
 */

/** A `{{name.DATA}}` placeholder; the name is what `data` is keyed by. */
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\.DATA\s*\}\}/g;

/** Placeholder names of a template's content, each once, in order of first appearance. */
export function templatePlaceholders(content: string): string[] {
  const names: string[] = [];
  for (const match of content.matchAll(PLACEHOLDER)) if (!names.includes(match[1]!)) names.push(match[1]!);
  return names;
}

/** One value of `message/template/send`'s `data`, as stored and shown. */
export interface TemplateValue {
  value: string;
  color?: string;
}

/** A run of a rendered line: literal template text, or a filled placeholder. */
export type TemplateRun = { text: string } | { name: string; value: string; color?: string };

/**
 * Fills `content` with `data`, line by line, as runs the UIs turn into elements (so values are
 * text nodes and never markup). A line made only of placeholders whose values are empty is left
 * out: WeChat no longer shows an unfilled `first`/`remark` line, and a blank row would look broken.
 */
export function renderTemplate(content: string, data: Readonly<Record<string, TemplateValue | undefined>>): TemplateRun[][] {
  const lines: TemplateRun[][] = [];
  for (const line of content.split('\n')) {
    const runs: TemplateRun[] = [];
    let last = 0;
    let onlyEmptyPlaceholders = true;
    let placeholders = 0;
    for (const match of line.matchAll(PLACEHOLDER)) {
      if (match.index > last) runs.push({ text: line.slice(last, match.index) });
      const name = match[1]!;
      const entry = Object.hasOwn(data, name) ? data[name] : undefined;
      const value = entry?.value ?? '';
      runs.push(entry?.color ? { name, value, color: entry.color } : { name, value });
      placeholders++;
      if (value) onlyEmptyPlaceholders = false;
      last = match.index + match[0].length;
    }
    if (last < line.length) runs.push({ text: line.slice(last) });
    const literal = runs.some((r) => 'text' in r && r.text.trim());
    if (placeholders > 0 && onlyEmptyPlaceholders && !literal) continue;
    lines.push(runs);
  }
  while (lines.length && lines[0]!.every((r) => 'text' in r && !r.text.trim())) lines.shift();
  while (lines.length && lines[lines.length - 1]!.every((r) => 'text' in r && !r.text.trim())) lines.pop();
  return lines;
}

/** The rendered notice as plain text (previews, CLI, tests). */
export function templateText(content: string, data: Readonly<Record<string, TemplateValue | undefined>>): string {
  return renderTemplate(content, data)
    .map((runs) => runs.map((r) => ('text' in r ? r.text : r.value)).join(''))
    .join('\n');
}
