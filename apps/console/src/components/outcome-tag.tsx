import { Tag, Tooltip } from 'antd';
import { isOutcome, outcomeColor } from '../lib/deliveries';
import { useI18n } from '../i18n';

/** A delivery outcome as a coloured tag; the tooltip says what it means for the developer. */
export function OutcomeTag({ outcome }: { outcome: string }) {
  const { t } = useI18n();
  if (!isOutcome(outcome)) return <Tag color={outcomeColor(outcome)}>{outcome}</Tag>;
  return (
    <Tooltip title={t(`delivery.outcomeHelp.${outcome}`)}>
      <Tag color={outcomeColor(outcome)} data-outcome={outcome}>
        {t(`delivery.outcome.${outcome}`)}
      </Tag>
    </Tooltip>
  );
}
