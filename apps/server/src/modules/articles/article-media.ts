import { ArticleErrors } from './article.errors';
import type { Article, ThumbResolver } from './article.types';
import { mediaRefsOf } from './article.validation';

/** Cover and newspic image URLs of one article, as shown next to it. */
export interface ArticleMediaUrls {
  thumbUrl: string;
  imageUrls: string[];
}

/**
 * The materials articles refer to (covers, newspic images), seen through the media module's
 * {@link ThumbResolver} (injected in `createServices`), shared by the article and page services.
 */
export class ArticleMedia {
  constructor(private readonly resolver: ThumbResolver) {}

  /** Refuses media ids that are not permanent materials of the right type of this account (40007). */
  async check(accountId: string, articles: Article[]): Promise<void> {
    for (const article of articles) {
      for (const ref of mediaRefsOf(article)) {
        const material = await this.resolver.resolve(accountId, ref.mediaId);
        if (!material || !material.permanent || !ref.kinds.includes(material.type)) throw ArticleErrors.invalidMediaId(ref.field);
      }
    }
  }

  /** 1-based indexes of the articles using a material that no longer resolves (deleted since). */
  async missing(accountId: string, articles: Article[]): Promise<number[]> {
    const missing: number[] = [];
    for (const [i, article] of articles.entries()) {
      for (const ref of mediaRefsOf(article)) {
        if (!(await this.resolver.resolve(accountId, ref.mediaId))) {
          missing.push(i + 1);
          break;
        }
      }
    }
    return missing;
  }

  /** URLs of each article's cover and images; a newspic post without a cover shows its first image. */
  async urls(accountId: string, articles: Article[]): Promise<ArticleMediaUrls[]> {
    const urlOf = async (mediaId: string) => (mediaId ? ((await this.resolver.resolve(accountId, mediaId))?.url ?? '') : '');
    return Promise.all(
      articles.map(async (article) => {
        const imageUrls = await Promise.all(article.imageMediaIds.map(urlOf));
        return { thumbUrl: (await urlOf(article.thumbMediaId)) || (imageUrls[0] ?? ''), imageUrls };
      }),
    );
  }
}
