import { TranslationOutlined } from '@ant-design/icons';
import { Select } from 'antd';
import { LOCALES, useI18n } from '../i18n';

/** Switches the console between 简体中文 and English; the choice is remembered on this browser. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <Select
      aria-label={t('header.language')}
      data-testid="language-switch"
      value={locale}
      onChange={setLocale}
      options={LOCALES.map((l) => ({ value: l.value, label: l.label }))}
      prefix={<TranslationOutlined />}
      variant="borderless"
      popupMatchSelectWidth={false}
    />
  );
}
