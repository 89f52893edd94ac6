import { AppError } from '../../shared/errors';
import { isHttpUrl, MAX_URL_LENGTH } from '../../shared/url';
import type { KeywordMatcher, ReplyContent, ReplyRuleInput, ReplyRuleKind } from './reply.types';
import { REPLY_LIMITS } from './reply.types';

const invalid = (message: string) => new AppError('reply.invalid', message);
const KINDS: ReplyRuleKind[] = ['follow', 'keyword', 'default', 'click'];

const str = (v: unknown, max: number, what: string, required = true): string => {
  if (v === undefined && !required) return '';
  if (typeof v !== 'string' || (required && !v.trim()) || v.length > max)
    throw invalid(`${what} must be ${required ? '1' : '0'}-${max} characters`);
  return v;
};

/**
 * Checks a rule against WeChat's editor-mode limits (≤ 10 keywords, ≤ 5 replies, 8 news
 * articles) and the shape of every reply, so that nothing the auto-reply engine sends can fail.
 */
export function validateRule(input: ReplyRuleInput): Required<ReplyRuleInput> {
  if (!KINDS.includes(input.kind)) throw invalid(`kind must be one of ${KINDS.join(', ')}`);
  const name = str(input.name, 60, 'rule name');
  // Click rules hold a menu key (≤ 128 bytes on WeChat); keyword rules WeChat's 30-character keywords.
  const keywords = (input.keywords ?? []).map((k) => checkKeyword(k, input.kind === 'click' ? 128 : REPLY_LIMITS.keywordLength));
  if (input.kind === 'keyword' && (keywords.length < 1 || keywords.length > REPLY_LIMITS.keywords)) {
    throw invalid(`a keyword rule needs 1-${REPLY_LIMITS.keywords} keywords`);
  }
  if (input.kind === 'click' && keywords.length !== 1) throw invalid('a click rule needs exactly one menu key');
  if (input.kind !== 'keyword' && input.kind !== 'click' && keywords.length)
    throw invalid(`${input.kind} rules have no keywords`);
  if (!Array.isArray(input.replies) || input.replies.length < 1 || input.replies.length > REPLY_LIMITS.replies) {
    throw invalid(`a rule needs 1-${REPLY_LIMITS.replies} replies`);
  }
  const replyMode = input.replyMode ?? 'all';
  if (replyMode !== 'all' && replyMode !== 'random') throw invalid('replyMode must be all or random');
  return {
    kind: input.kind,
    name,
    keywords,
    replies: input.replies.map(checkReply),
    replyMode,
    enabled: input.enabled ?? true,
  };
}

function checkKeyword(k: KeywordMatcher, maxLength: number): KeywordMatcher {
  if (!k || typeof k !== 'object') throw invalid('a keyword is {text, match}');
  const text = str(k.text, maxLength, 'a keyword');
  if (k.match !== 'exact' && k.match !== 'contains') throw invalid('keyword match must be exact or contains');
  return { text, match: k.match };
}

function checkReply(r: ReplyContent): ReplyContent {
  if (!r || typeof r !== 'object') throw invalid('a reply is an object with a type');
  switch (r.type) {
    case 'text':
      return { type: 'text', content: str(r.content, REPLY_LIMITS.textLength, 'reply text') };
    case 'image':
      if (r.picUrl !== undefined && !isHttpUrl(r.picUrl, MAX_URL_LENGTH)) throw invalid('image picUrl must be an http(s) URL');
      return { type: 'image', mediaId: str(r.mediaId, 128, 'image mediaId'), ...(r.picUrl ? { picUrl: r.picUrl } : {}) };
    case 'voice':
      return { type: 'voice', mediaId: str(r.mediaId, 128, 'voice mediaId') };
    case 'video':
      return {
        type: 'video',
        mediaId: str(r.mediaId, 128, 'video mediaId'),
        title: str(r.title, 64, 'video title', false),
        description: str(r.description, 120, 'video description', false),
      };
    case 'news': {
      if (!Array.isArray(r.articles) || r.articles.length < 1 || r.articles.length > REPLY_LIMITS.articles) {
        throw invalid(`news needs 1-${REPLY_LIMITS.articles} articles`);
      }
      return {
        type: 'news',
        articles: r.articles.map((a) => {
          if (!isHttpUrl(a?.url, MAX_URL_LENGTH)) throw invalid('every article needs an http(s) url');
          if (a.picUrl && !isHttpUrl(a.picUrl, MAX_URL_LENGTH)) throw invalid('article picUrl must be an http(s) URL');
          return {
            title: str(a.title, 64, 'article title'),
            description: str(a.description, 120, 'article description', false),
            picUrl: a.picUrl ?? '',
            url: a.url,
          };
        }),
      };
    }
    default:
      throw invalid(`unknown reply type ${String((r as { type?: unknown }).type)}`);
  }
}
