import { ARTICLE_LIMITS, PUBLISH_STATUS, type ArticleInput, type ArticleView } from '@gzh/contracts';

/**
 * The article editor's model: the articles of one draft as the operator edits them, checked
 * against WeChat's limits (shared with the server) before saving, so most mistakes are shown
 * in place instead of coming back as an error.
 */

/** One article in the editor. `key` only tells the list items apart while they are reordered. */
export interface EditableArticle {
  key: string;
  title: string;
  author: string;
  /** Empty for WeChat's default digest (the first 54 characters of the text). */
  digest: string;
  /** The default digest of the saved content, shown as a hint while `digest` is empty. */
  autoDigest: string;
  /** HTML from the rich-text editor (the server sanitises it on save). */
  content: string;
  contentSourceUrl: string;
  thumbMediaId: string;
  /** For the preview next to the cover picker. */
  thumbUrl: string;
  needOpenComment: boolean;
  onlyFansCanComment: boolean;
}

let counter = 0;
const nextKey = () => `a${++counter}`;

export function emptyArticle(): EditableArticle {
  return {
    key: nextKey(),
    title: '',
    author: '',
    digest: '',
    autoDigest: '',
    content: '',
    contentSourceUrl: '',
    thumbMediaId: '',
    thumbUrl: '',
    needOpenComment: false,
    onlyFansCanComment: false,
  };
}

/** A saved article, ready to edit. */
export function fromView(view: ArticleView): EditableArticle {
  return {
    key: nextKey(),
    title: view.title,
    author: view.author,
    digest: view.digest,
    autoDigest: view.autoDigest,
    content: view.content,
    contentSourceUrl: view.contentSourceUrl,
    thumbMediaId: view.thumbMediaId,
    thumbUrl: view.thumbUrl,
    needOpenComment: view.needOpenComment,
    onlyFansCanComment: view.onlyFansCanComment,
  };
}

/** What the console API takes. "Only followers may comment" only means something with comments on. */
export function toInput(article: EditableArticle): ArticleInput {
  return {
    title: article.title.trim(),
    author: article.author.trim(),
    digest: article.digest.trim(),
    content: article.content,
    contentSourceUrl: article.contentSourceUrl.trim(),
    thumbMediaId: article.thumbMediaId,
    needOpenComment: article.needOpenComment,
    onlyFansCanComment: article.needOpenComment && article.onlyFansCanComment,
  };
}

/** Characters as WeChat counts them (code points: an emoji is one). */
export function charCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** The visible text of editor HTML: what is left when tags are removed (empty for `<p><br></p>`). */
export function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .trim();
}

/** Why an article cannot be saved yet, as message keys with their values. */
export type ArticleProblem =
  | { key: 'articles.problem.titleRequired' }
  | { key: 'articles.problem.titleTooLong'; max: number }
  | { key: 'articles.problem.authorTooLong'; max: number }
  | { key: 'articles.problem.digestTooLong'; max: number }
  | { key: 'articles.problem.contentRequired' }
  | { key: 'articles.problem.contentTooLong'; max: number }
  | { key: 'articles.problem.coverRequired' }
  | { key: 'articles.problem.sourceUrl' };

/** WeChat's rules for one article (spec §5.3); empty when it can be saved. */
export function articleProblems(article: EditableArticle): ArticleProblem[] {
  const problems: ArticleProblem[] = [];
  const title = article.title.trim();
  if (!title) problems.push({ key: 'articles.problem.titleRequired' });
  else if (charCount(title) > ARTICLE_LIMITS.title)
    problems.push({ key: 'articles.problem.titleTooLong', max: ARTICLE_LIMITS.title });
  if (charCount(article.author.trim()) > ARTICLE_LIMITS.author) {
    problems.push({ key: 'articles.problem.authorTooLong', max: ARTICLE_LIMITS.author });
  }
  if (charCount(article.digest.trim()) > ARTICLE_LIMITS.digest) {
    problems.push({ key: 'articles.problem.digestTooLong', max: ARTICLE_LIMITS.digest });
  }
  const hasMedia = /<(img|svg|video|iframe)\b/i.test(article.content);
  if (!visibleText(article.content) && !hasMedia) problems.push({ key: 'articles.problem.contentRequired' });
  else if (charCount(article.content) >= ARTICLE_LIMITS.contentChars) {
    problems.push({ key: 'articles.problem.contentTooLong', max: ARTICLE_LIMITS.contentChars });
  }
  if (!article.thumbMediaId) problems.push({ key: 'articles.problem.coverRequired' });
  const url = article.contentSourceUrl.trim();
  if (url && (/\s/.test(url) || (!/^https?:\/\//i.test(url) && /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(url)))) {
    problems.push({ key: 'articles.problem.sourceUrl' });
  }
  return problems;
}

/** A link typed in the toolbar: http(s) as is, a bare host gets `https://`, other schemes are refused. */
export function normaliseLink(input: string): string | null {
  const url = input.trim();
  if (!url || /\s/.test(url)) return null;
  if (/^https?:\/\//i.test(url)) return url;
  if (/^[a-z][a-z0-9+.-]*:(?!\d)/i.test(url)) return null;
  return `https://${url}`;
}

/** How a publication's status is shown: message key and tag colour. */
export function publishStatusView(status: number): {
  key: 'articles.status.success' | 'articles.status.publishing' | 'articles.status.deleted' | 'articles.status.failed';
  color: string;
} {
  switch (status) {
    case PUBLISH_STATUS.success:
      return { key: 'articles.status.success', color: 'success' };
    case PUBLISH_STATUS.publishing:
      return { key: 'articles.status.publishing', color: 'processing' };
    case PUBLISH_STATUS.deleted:
      return { key: 'articles.status.deleted', color: 'default' };
    default:
      return { key: 'articles.status.failed', color: 'error' };
  }
}
