import { Segmented, Typography } from 'antd';
import { useState } from 'react';
import { bodyKind, prettyBody } from '../lib/pretty';
import { useI18n } from '../i18n';

/**
 * A request or response body in monospace: pretty-printed when it is XML or JSON (switchable to
 * the raw bytes, which is what signatures are computed over), with a copy button for the exact
 * raw text. `changed` highlights lines that differ from another body.
 */
export function CodeBlock({
  label,
  text,
  testId,
  emptyText,
  changed,
}: {
  label?: string;
  text: string | null;
  testId?: string;
  emptyText?: string;
  /** Lines of the pretty-printed text to highlight (a comparison's differences). */
  changed?: ReadonlySet<number>;
}) {
  const { t } = useI18n();
  const [raw, setRaw] = useState(false);
  const body = text ?? '';
  const kind = bodyKind(body);
  const canPretty = kind === 'xml' || kind === 'json';
  const shown = raw || !canPretty ? body : prettyBody(body);

  return (
    <div className="code-block" data-testid={testId}>
      <div className="code-block-bar">
        <Typography.Text type="secondary" className="code-block-label">
          {label}
          {kind === 'empty' ? null : (
            <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
              {t('code.bytes', { n: new TextEncoder().encode(body).length })}
            </Typography.Text>
          )}
        </Typography.Text>
        <span className="code-block-actions">
          {canPretty ? (
            <Segmented
              size="small"
              value={raw ? 'raw' : 'pretty'}
              onChange={(value) => setRaw(value === 'raw')}
              options={[
                { value: 'pretty', label: t('code.pretty') },
                { value: 'raw', label: t('code.raw') },
              ]}
            />
          ) : null}
          {kind === 'empty' ? null : (
            <Typography.Text copyable={{ text: body, tooltips: [t('common.copy'), t('common.copied')] }} />
          )}
        </span>
      </div>
      {kind === 'empty' ? (
        <div className="code-block-empty">{emptyText ?? t('code.empty')}</div>
      ) : (
        <pre className="code-block-pre mono">
          {changed && !raw
            ? shown.split('\n').map((line, i) => (
                <span key={i} className={changed.has(i) ? 'diff-line changed' : 'diff-line'}>
                  {line || ' '}
                </span>
              ))
            : shown}
        </pre>
      )}
    </div>
  );
}
