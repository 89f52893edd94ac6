import { Button, Result } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { errorMessage } from '../api/client';
import { useI18n } from '../i18n';

/**
 * Last-resort screen for a render error or a page chunk that failed to load (e.g. after a
 * deploy): the operator gets a message and a reload button instead of a white page.
 */
export function RouteError() {
  const error = useRouteError();
  const { t } = useI18n();
  const detail = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : errorMessage(error);
  return (
    <Result
      status="error"
      title={t('common.unexpected')}
      subTitle={detail}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}
