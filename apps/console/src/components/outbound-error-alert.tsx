import { Alert } from 'antd';
import { explainOutboundError } from '../lib/outbound-errors';
import { useI18n } from '../i18n';

/**
 * A refused customer-service message or broadcast: the rule in the operator's language as the
 * title, WeChat's own reason below it (it names the errcode's cause, useful when talking to
 * developers). Errors without an explanation show the server's message as the title.
 */
export function OutboundErrorAlert({ error, testId }: { error: unknown; testId: string }) {
  const { t } = useI18n();
  const { key, reason, code } = explainOutboundError(error);
  return (
    <Alert
      type="error"
      showIcon
      title={key ? t(key) : reason}
      description={key ? t('outbound.reason', { reason }) : undefined}
      data-testid={testId}
      data-code={code ?? undefined}
    />
  );
}
