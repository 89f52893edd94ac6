import type { ReplyRuleInput, ReplyRuleView } from '@gzh/contracts';

/**
 * Auto-reply rules in the editor: the draft model, its conversion to the API body, and the
 * checks the server applies (`reply.validation.ts`, WeChat's editor-mode limits) so the operator
 * sees every problem before saving.
 */

export const REPLY_KINDS = ['follow', 'keyword', 'default', 'click'] as const;
export type ReplyKind = (typeof REPLY_KINDS)[number];

export const REPLY_TYPES = ['text', 'image', 'voice', 'video', 'news'] as const;
export type ReplyType = (typeof REPLY_TYPES)[number];

export const REPLY_LIMITS = {
  rules: 200,
  name: 60,
  keywords: 10,
  keywordLength: 30,
  /** Click rules hold a menu key, which WeChat allows up to 128 bytes. */
  menuKeyLength: 128,
  replies: 5,
  text: 2000,
  mediaId: 128,
  url: 2048,
  videoTitle: 64,
  videoDescription: 120,
  articles: 8,
  articleTitle: 64,
  articleDescription: 120,
} as const;

/** Kinds of which an account has at most one rule (a second one is refused with 409). */
export const SINGLE_KINDS: readonly ReplyKind[] = ['follow', 'default'];

export interface KeywordDraft {
  text: string;
  match: 'exact' | 'contains';
}

export interface ArticleDraft {
  title: string;
  description: string;
  picUrl: string;
  url: string;
}

/** A reply being edited: optional API fields are '' here. */
export type ReplyDraft =
  | { type: 'text'; content: string }
  | { type: 'image'; mediaId: string; picUrl: string }
  | { type: 'voice'; mediaId: string }
  | { type: 'video'; mediaId: string; title: string; description: string }
  | { type: 'news'; articles: ArticleDraft[] };

export interface RuleDraft {
  kind: ReplyKind;
  name: string;
  /** Keyword rules: the keywords. Click rules: one entry whose text is the menu key. */
  keywords: KeywordDraft[];
  replies: ReplyDraft[];
  replyMode: 'all' | 'random';
  enabled: boolean;
}

export const emptyArticle = (): ArticleDraft => ({ title: '', description: '', picUrl: '', url: '' });

/** A blank reply of a type (what the type switcher puts in place). */
export function emptyReply(type: ReplyType): ReplyDraft {
  switch (type) {
    case 'text':
      return { type, content: '' };
    case 'image':
      return { type, mediaId: '', picUrl: '' };
    case 'voice':
      return { type, mediaId: '' };
    case 'video':
      return { type, mediaId: '', title: '', description: '' };
    case 'news':
      return { type, articles: [emptyArticle()] };
  }
}

/** A new rule of a kind: one text reply, and one blank keyword where the kind needs keywords. */
export function newRuleDraft(kind: ReplyKind): RuleDraft {
  return {
    kind,
    name: '',
    keywords: kind === 'keyword' || kind === 'click' ? [{ text: '', match: kind === 'click' ? 'exact' : 'contains' }] : [],
    replies: [emptyReply('text')],
    replyMode: 'all',
    enabled: true,
  };
}

/** The draft of a stored rule. */
export function draftOf(rule: ReplyRuleView): RuleDraft {
  return {
    kind: rule.kind,
    name: rule.name,
    keywords: rule.keywords.map((k) => ({ ...k })),
    replies: rule.replies.map((r): ReplyDraft => {
      switch (r.type) {
        case 'text':
          return { type: 'text', content: r.content };
        case 'image':
          return { type: 'image', mediaId: r.mediaId, picUrl: r.picUrl ?? '' };
        case 'voice':
          return { type: 'voice', mediaId: r.mediaId };
        case 'video':
          return { type: 'video', mediaId: r.mediaId, title: r.title ?? '', description: r.description ?? '' };
        case 'news':
          return { type: 'news', articles: r.articles.map((a) => ({ ...a })) };
      }
    }),
    replyMode: rule.replyMode,
    enabled: rule.enabled,
  };
}

type ReplyInput = ReplyRuleInput['replies'][number];

function replyInput(reply: ReplyDraft): ReplyInput {
  switch (reply.type) {
    case 'text':
      return { type: 'text', content: reply.content };
    case 'image':
      return { type: 'image', mediaId: reply.mediaId.trim(), ...(reply.picUrl.trim() ? { picUrl: reply.picUrl.trim() } : {}) };
    case 'voice':
      return { type: 'voice', mediaId: reply.mediaId.trim() };
    case 'video':
      return {
        type: 'video',
        mediaId: reply.mediaId.trim(),
        ...(reply.title.trim() ? { title: reply.title.trim() } : {}),
        ...(reply.description.trim() ? { description: reply.description.trim() } : {}),
      };
    case 'news':
      return {
        type: 'news',
        articles: reply.articles.map((a) => ({
          title: a.title.trim(),
          description: a.description.trim(),
          picUrl: a.picUrl.trim(),
          url: a.url.trim(),
        })),
      };
  }
}

/**
 * The POST/PUT body: keywords trimmed (none for follow and default rules, the menu key as one
 * exact keyword for click rules), blank optional fields left out. Text replies keep their spacing.
 */
export function toRuleInput(draft: RuleDraft, position?: number): ReplyRuleInput {
  const keywords =
    draft.kind === 'keyword'
      ? draft.keywords.map((k) => ({ text: k.text.trim(), match: k.match }))
      : draft.kind === 'click'
        ? draft.keywords.slice(0, 1).map((k) => ({ text: k.text.trim(), match: 'exact' as const }))
        : [];
  return {
    kind: draft.kind,
    name: draft.name.trim(),
    keywords,
    replies: draft.replies.map(replyInput),
    replyMode: draft.replyMode,
    enabled: draft.enabled,
    ...(position === undefined ? {} : { position }),
  };
}

/** The body that changes only `enabled` of a stored rule (the list's switch). */
export function withEnabled(rule: ReplyRuleView, enabled: boolean): ReplyRuleInput {
  return toRuleInput({ ...draftOf(rule), enabled }, rule.position);
}

/**
 * One problem of a draft. `path` names the input (`name`, `keywords.0`, `replies.1.content`,
 * `replies.2.articles.0.url`, or `rule` for the whole rule); `code` selects the message.
 */
export interface RuleProblem {
  path: string;
  code: 'required' | 'tooLong' | 'count' | 'url' | 'duplicateKind' | 'tooManyRules' | 'duplicateKeyword';
  max?: number;
  min?: number;
}

const isHttpUrl = (value: string): boolean => value.length <= REPLY_LIMITS.url && /^https?:\/\/\S+$/i.test(value);

function checkText(problems: RuleProblem[], path: string, value: string, max: number, required = true): void {
  if (required && value.trim() === '') problems.push({ path, code: 'required' });
  else if (value.length > max) problems.push({ path, code: 'tooLong', max });
}

function checkUrl(problems: RuleProblem[], path: string, value: string, required: boolean): void {
  const url = value.trim();
  if (url === '') {
    if (required) problems.push({ path, code: 'required' });
  } else if (!isHttpUrl(url)) problems.push({ path, code: 'url' });
}

function checkReply(problems: RuleProblem[], reply: ReplyDraft, at: string): void {
  switch (reply.type) {
    case 'text':
      checkText(problems, `${at}.content`, reply.content, REPLY_LIMITS.text);
      return;
    case 'image':
      checkText(problems, `${at}.mediaId`, reply.mediaId.trim(), REPLY_LIMITS.mediaId);
      checkUrl(problems, `${at}.picUrl`, reply.picUrl, false);
      return;
    case 'voice':
      checkText(problems, `${at}.mediaId`, reply.mediaId.trim(), REPLY_LIMITS.mediaId);
      return;
    case 'video':
      checkText(problems, `${at}.mediaId`, reply.mediaId.trim(), REPLY_LIMITS.mediaId);
      checkText(problems, `${at}.title`, reply.title.trim(), REPLY_LIMITS.videoTitle, false);
      checkText(problems, `${at}.description`, reply.description.trim(), REPLY_LIMITS.videoDescription, false);
      return;
    case 'news':
      if (reply.articles.length < 1 || reply.articles.length > REPLY_LIMITS.articles) {
        problems.push({ path: `${at}.articles`, code: 'count', min: 1, max: REPLY_LIMITS.articles });
      }
      reply.articles.forEach((a, i) => {
        checkText(problems, `${at}.articles.${i}.title`, a.title.trim(), REPLY_LIMITS.articleTitle);
        checkText(problems, `${at}.articles.${i}.description`, a.description.trim(), REPLY_LIMITS.articleDescription, false);
        checkUrl(problems, `${at}.articles.${i}.url`, a.url, true);
        checkUrl(problems, `${at}.articles.${i}.picUrl`, a.picUrl, false);
      });
  }
}

/** Context for the account-wide rules: the stored rules and the one being edited (if any). */
export interface RuleContext {
  rules: readonly ReplyRuleView[];
  editingId: string | null;
}

/** Everything the server would refuse about a draft, in form order; empty when it can be saved. */
export function validateRuleDraft(draft: RuleDraft, context: RuleContext): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const others = context.rules.filter((r) => r.id !== context.editingId);
  if (context.editingId === null && others.length >= REPLY_LIMITS.rules) {
    problems.push({ path: 'rule', code: 'tooManyRules', max: REPLY_LIMITS.rules });
  }
  if (SINGLE_KINDS.includes(draft.kind) && others.some((r) => r.kind === draft.kind)) {
    problems.push({ path: 'rule', code: 'duplicateKind' });
  }
  checkText(problems, 'name', draft.name.trim(), REPLY_LIMITS.name);

  if (draft.kind === 'keyword') {
    if (draft.keywords.length < 1 || draft.keywords.length > REPLY_LIMITS.keywords) {
      problems.push({ path: 'keywords', code: 'count', min: 1, max: REPLY_LIMITS.keywords });
    }
    const seen = new Set<string>();
    draft.keywords.forEach((k, i) => {
      const text = k.text.trim();
      checkText(problems, `keywords.${i}`, text, REPLY_LIMITS.keywordLength);
      const id = `${k.match}:${text}`;
      if (text && seen.has(id)) problems.push({ path: `keywords.${i}`, code: 'duplicateKeyword' });
      seen.add(id);
    });
  } else if (draft.kind === 'click') {
    checkText(problems, 'keywords.0', draft.keywords[0]?.text.trim() ?? '', REPLY_LIMITS.menuKeyLength);
  }

  if (draft.replies.length < 1 || draft.replies.length > REPLY_LIMITS.replies) {
    problems.push({ path: 'replies', code: 'count', min: 1, max: REPLY_LIMITS.replies });
  }
  draft.replies.forEach((reply, i) => checkReply(problems, reply, `replies.${i}`));
  return problems;
}

/** The first problem of an input, for its inline message. */
export function problemAt(problems: readonly RuleProblem[], path: string): RuleProblem | undefined {
  return problems.find((p) => p.path === path);
}

/** A short one-line summary of a reply (list column and preview fallbacks). */
export function replySummary(reply: ReplyDraft | ReplyRuleView['replies'][number]): string {
  switch (reply.type) {
    case 'text':
      return reply.content.length > 40 ? `${reply.content.slice(0, 40)}…` : reply.content;
    case 'image':
    case 'voice':
      return reply.mediaId;
    case 'video':
      return reply.title || reply.mediaId;
    case 'news':
      return reply.articles[0]?.title ?? '';
  }
}

/** Rules of a kind in the order the server applies them. */
export function rulesOfKind(rules: readonly ReplyRuleView[], kind: ReplyKind): ReplyRuleView[] {
  return rules.filter((r) => r.kind === kind).sort((a, b) => a.position - b.position);
}
