import type { ArticlePage } from '../../modules/articles/article.types';
import { sourceLinkOf } from '../../modules/articles/article.validation';

/**
 * Server-rendered article pages (`/mp/s/<key>`): the page a follower opens from an mpnews card or
 * a shared link. Mobile-first, no external assets, one small inline script (with the CSP nonce)
 * that records the read, the read-through and shares. The article body is HTML the articles
 * module sanitised on save; everything else is escaped here.
 */

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** WeChat prints article dates in China time: `2026年11月22日 10:00`. */
export function formatChinaDate(ms: number): string {
  const d = new Date(ms + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/**
 * Headers of every article page. The nonce-based CSP means that only gzh's own script runs, even
 * if some markup slipped through the sanitiser; images and media may come from anywhere.
 */
export function pageHeaders(nonce: string): Record<string, string> {
  return {
    'content-security-policy': [
      "default-src 'none'",
      'img-src * data: blob:',
      'media-src *',
      "style-src 'unsafe-inline'",
      `script-src 'nonce-${nonce}'`,
      "connect-src 'self'",
      'font-src * data:',
      "base-uri 'none'",
      "form-action 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'cache-control': 'no-store',
  };
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#fff;color:#333;font:17px/1.75 -apple-system,BlinkMacSystemFont,"Helvetica Neue","PingFang SC","Microsoft YaHei",sans-serif;-webkit-text-size-adjust:100%}
.page{max-width:677px;margin:0 auto;padding:20px 16px 40px}
h1.title{font-size:22px;line-height:1.4;margin:0 0 14px;color:#111;font-weight:600;word-wrap:break-word}
.meta{font-size:15px;color:rgba(0,0,0,.45);margin-bottom:22px;display:flex;flex-wrap:wrap;gap:4px 10px}
.meta .account{color:#576b95}
.cover{display:block;width:100%;height:auto;border-radius:4px;margin:0 0 20px}
.content{overflow-wrap:break-word;word-break:break-word}
.content img,.content video,.content svg{max-width:100%!important;height:auto}
.content p{margin:0 0 1em}
.gallery img{display:block;width:100%;height:auto;margin:0 0 8px;border-radius:4px}
.foot{display:flex;justify-content:space-between;align-items:center;margin-top:32px;font-size:15px}
.foot a{color:#576b95;text-decoration:none}
.share{border:1px solid rgba(0,0,0,.15);background:#f7f7f7;color:#333;border-radius:16px;padding:4px 14px;font-size:14px}
.notice{position:sticky;top:0;background:#fff7e6;color:#ad6800;font-size:13px;text-align:center;padding:6px;z-index:1}
.toast{position:fixed;left:50%;bottom:60px;transform:translateX(-50%);background:rgba(0,0,0,.75);color:#fff;padding:8px 16px;border-radius:6px;font-size:14px;display:none}
.empty{text-align:center;color:rgba(0,0,0,.5);padding:120px 24px;font-size:17px}
.empty .icon{font-size:48px;display:block;margin-bottom:16px}
`;

function shell(title: string, body: string, head = '', nonce?: string, script = ''): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1,viewport-fit=cover">
<title>${escapeHtml(title)}</title>
${head}<style>${STYLE}</style>
</head>
<body>
${body}
${script && nonce ? `<script nonce="${nonce}">${script}</script>` : ''}
</body>
</html>
`;
}

/**
 * The reader's script: a `read` on load, one `read_through` when the end of the article comes
 * into view, a `share` per tap on the share button. The follower client keeps its session in
 * this origin's localStorage; when present, its token goes with the beacon so the event is tied
 * to the person. Lazy images written WeChat-style (`data-src` only) are given their `src`.
 */
function readerScript(key: string): string {
  const endpoint = JSON.stringify(`/mp/s/${key}/events`);
  return `(function(){
var endpoint=${endpoint};
function token(){try{var s=JSON.parse(localStorage.getItem('gzh.phone.session')||'null');return s&&typeof s.token==='string'?s.token:undefined}catch(e){return undefined}}
function send(kind){var body=JSON.stringify({kind:kind,token:token()});
if(navigator.sendBeacon&&navigator.sendBeacon(endpoint,new Blob([body],{type:'text/plain'})))return;
fetch(endpoint,{method:'POST',body:body,keepalive:true,headers:{'content-type':'text/plain'}}).catch(function(){})}
var imgs=document.querySelectorAll('.content img[data-src]');
for(var i=0;i<imgs.length;i++){if(!imgs[i].getAttribute('src'))imgs[i].setAttribute('src',imgs[i].getAttribute('data-src'))}
send('read');
var end=document.getElementById('article-end');
if(end&&'IntersectionObserver' in window){var done=false;var io=new IntersectionObserver(function(entries){
for(var j=0;j<entries.length;j++){if(entries[j].isIntersecting&&!done){done=true;io.disconnect();send('read_through')}}});io.observe(end)}
var button=document.getElementById('share');
function toast(text){var t=document.getElementById('toast');t.textContent=text;t.style.display='block';setTimeout(function(){t.style.display='none'},1600)}
if(button)button.addEventListener('click',function(){send('share');var url=location.href.split('#')[0];
if(navigator.share){navigator.share({title:document.title,url:url}).catch(function(){});return}
if(navigator.clipboard){navigator.clipboard.writeText(url).then(function(){toast('链接已复制')},function(){toast(url)})}else{toast(url)}})
})();`;
}

/** The page of a published article, or of a draft article's preview (no tracking, a banner). */
export function renderArticlePage(page: ArticlePage, nonce: string): string {
  const a = page.article;
  const source = sourceLinkOf(a);
  const meta = [
    a.author ? `<span class="author">${escapeHtml(a.author)}</span>` : '',
    `<span class="account">${escapeHtml(page.accountName)}</span>`,
    `<span class="date">${formatChinaDate(page.publishedAt)}</span>`,
  ].join('');
  const cover = a.articleType === 'news' && page.thumbUrl ? `<img class="cover" src="${escapeHtml(page.thumbUrl)}" alt="">` : '';
  const gallery = page.imageUrls.length
    ? `<div class="gallery">${page.imageUrls.map((u) => `<img src="${escapeHtml(u)}" alt="">`).join('')}</div>`
    : '';
  const body = `${page.preview ? '<div class="notice">预览：此页面仅用于预览，文章尚未发表</div>' : ''}<main class="page">
<h1 class="title">${escapeHtml(a.title)}</h1>
<div class="meta">${meta}</div>
${cover}${gallery}<div class="content" id="js_content">${a.content}</div>
<div id="article-end"></div>
<div class="foot">${source ? `<a class="source" href="${escapeHtml(source)}" rel="noopener noreferrer">阅读原文</a>` : '<span></span>'}${
    page.preview ? '' : '<button class="share" id="share" type="button">分享</button>'
  }</div>
</main><div class="toast" id="toast"></div>`;
  const head = [
    `<meta name="description" content="${escapeHtml(a.digest)}">`,
    `<meta property="og:title" content="${escapeHtml(a.title)}">`,
    `<meta property="og:description" content="${escapeHtml(a.digest)}">`,
    `<meta property="og:url" content="${escapeHtml(page.url)}">`,
    page.thumbUrl ? `<meta property="og:image" content="${escapeHtml(page.thumbUrl)}">` : '',
  ]
    .filter(Boolean)
    .join('\n');
  return shell(a.title, body, `${head}\n`, nonce, page.preview ? '' : readerScript(page.key));
}

/** The page of an article its publisher deleted (WeChat's wording). */
export function renderDeletedPage(): string {
  return shell('此内容已被发布者删除', '<div class="empty"><span class="icon">⚠️</span>此内容已被发布者删除</div>');
}

/** The page of an unknown key. */
export function renderNotFoundPage(): string {
  return shell('内容不存在', '<div class="empty"><span class="icon">⚠️</span>该内容不存在或链接有误</div>');
}
