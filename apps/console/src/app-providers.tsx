import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import type { ReactNode } from 'react';
import { useEffect, useMemo, useState } from 'react';
import { createQueryClient } from './api/query-client';
import { ApiErrorNotifier } from './components/api-error-notifier';
import type { I18nValue, Locale } from './i18n';
import { I18nContext, storeLocale, storedLocale, translate } from './i18n';

const antdLocales = { 'zh-CN': zhCN, en: enUS } as const;

/**
 * Everything the pages rely on, in one place: the query cache, the console language (our
 * dictionary and antd's own texts switch together), antd's theme and its context-aware
 * message/modal API, and the global toast for failed mutations.
 */
export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  const [locale, setLocaleState] = useState<Locale>(storedLocale);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = translate(locale, 'app.brand');
  }, [locale]);

  const i18n = useMemo<I18nValue>(
    () => ({
      locale,
      setLocale: (next) => {
        storeLocale(next);
        setLocaleState(next);
      },
      t: (key, vars) => translate(locale, key, vars),
    }),
    [locale],
  );

  return (
    <QueryClientProvider client={queryClient}>
      <I18nContext.Provider value={i18n}>
        <ConfigProvider locale={antdLocales[locale]} theme={{ token: { colorPrimary: '#07c160' } }}>
          <AntApp>
            <ApiErrorNotifier />
            {children}
          </AntApp>
        </ConfigProvider>
      </I18nContext.Provider>
    </QueryClientProvider>
  );
}
