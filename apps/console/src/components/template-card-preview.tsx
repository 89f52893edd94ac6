import type { TemplateValue } from '@gzh/contracts';
import { renderTemplate } from '@gzh/contracts/template-card';
import { RightOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';

const COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/**
 * A template notice as the follower's phone shows it (the same rendering as the follower client:
 * `@gzh/contracts/template-card`): title, content with values filled in their colours, a 详情
 * row when there is a link. Values are text; nothing typed here becomes markup.
 */
export function TemplateCardPreview({
  title,
  content,
  data,
  url,
}: {
  title: string;
  content: string;
  data: Readonly<Record<string, TemplateValue | undefined>>;
  url?: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <div className="tpl-card" data-testid="template-preview">
      <div className="tpl-title">{title}</div>
      <div className="tpl-body">
        {renderTemplate(content, data).map((runs, i) => (
          <p className="tpl-line" key={i}>
            {runs.map((run, j) =>
              'text' in run ? (
                <span key={j}>{run.text}</span>
              ) : (
                <span key={j} className="tpl-value" style={run.color && COLOR.test(run.color) ? { color: run.color } : undefined}>
                  {run.value}
                </span>
              ),
            )}
          </p>
        ))}
      </div>
      {url ? (
        <div className="tpl-detail">
          <span>{t('templates.detail')}</span>
          <RightOutlined />
        </div>
      ) : null}
    </div>
  );
}
