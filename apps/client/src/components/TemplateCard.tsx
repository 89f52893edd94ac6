import type { MessageBodyView } from '@gzh/contracts';
import { renderTemplate } from '@gzh/contracts/template-card';

export type TemplateBody = Extract<MessageBodyView, { type: 'template' }>;

/** Colours the server accepted (`#rgb` / `#rrggbb`); anything else is drawn in the default colour. */
const COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** Only web links open; the server refuses other schemes, and the card does not trust it blindly. */
const WEB_URL = /^https?:\/\//i;

/**
 * A template notice as WeChat draws it: a white card with the template's title, the content with
 * each `{{name.DATA}}` replaced by its value (in its colour), and a 详情 row when the notice links
 * somewhere. Values are rendered as text, so whatever a developer puts in them never becomes markup.
 */
export function TemplateCard({ body }: { body: TemplateBody }) {
  const lines = renderTemplate(body.content, body.data);
  const url = body.url && WEB_URL.test(body.url) ? body.url : null;
  return (
    <div className="tpl-card" data-testid="template-card">
      <div className="tpl-title">{body.title}</div>
      <div className="tpl-body">
        {lines.map((runs, i) => (
          <p className="tpl-line" key={i}>
            {runs.map((run, j) =>
              'text' in run ? (
                <span key={j}>{run.text}</span>
              ) : (
                <span
                  key={j}
                  className="tpl-value"
                  data-field={run.name}
                  style={run.color && COLOR.test(run.color) ? { color: run.color } : undefined}
                >
                  {run.value}
                </span>
              ),
            )}
          </p>
        ))}
      </div>
      {url && (
        <a className="tpl-detail" href={url} target="_blank" rel="noopener noreferrer" data-testid="template-detail">
          <span>详情</span>
          <span aria-hidden="true">›</span>
        </a>
      )}
    </div>
  );
}
