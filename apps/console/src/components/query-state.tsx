import { Button, Result, Spin } from 'antd';
import { errorMessage } from '../api/client';
import { useI18n } from '../i18n';

/** A centred spinner while a page's first data loads. */
export function PageLoading() {
  return (
    <div className="page-loading">
      <Spin size="large" />
    </div>
  );
}

/** A failed page load: shows the server's message and lets the operator retry instead of a blank page. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <Result
      status="warning"
      title={t('common.loadFailed')}
      subTitle={errorMessage(error)}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null
      }
    />
  );
}
