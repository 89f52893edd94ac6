/**
 * Addresses of article pages under the server's public URL: WeChat's `mp.weixin.qq.com/s/<key>`
 * becomes `<publicUrl>/mp/s/<key>`. Draft previews share the path with a preview key and `idx`.
 */
export class ArticleUrls {
  private readonly base: string;

  constructor(publicUrl: string) {
    this.base = publicUrl.replace(/\/+$/, '');
  }

  /** The permanent page of a published article. */
  page(key: string): string {
    return `${this.base}/mp/s/${key}`;
  }

  /** The preview of article `idx` (1-based) of a draft; it shows the draft's current content. */
  preview(previewKey: string, idx: number): string {
    return `${this.base}/mp/s/${previewKey}?idx=${idx}`;
  }
}
