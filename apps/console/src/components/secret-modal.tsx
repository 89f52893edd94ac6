import { Alert, Button, Modal, Typography } from 'antd';
import { useI18n } from '../i18n';

/**
 * Shows a freshly generated AppSecret exactly once. The server stores only its hash, so the
 * modal cannot be dismissed by a stray click: the operator must confirm they saved it.
 */
export function SecretModal({ appid, secret, onClose }: { appid: string; secret: string | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      open={secret !== null}
      title={t('secret.title')}
      mask={{ closable: false }}
      keyboard={false}
      closable={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose} data-testid="secret-saved">
          {t('secret.saved')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('secret.warning')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph type="secondary">{t('secret.forAccount', { appid })}</Typography.Paragraph>
      <Typography.Paragraph
        code
        copyable={{ tooltips: [t('common.copy'), t('common.copied')] }}
        className="secret-value"
        data-testid="secret-value"
      >
        {secret}
      </Typography.Paragraph>
    </Modal>
  );
}
