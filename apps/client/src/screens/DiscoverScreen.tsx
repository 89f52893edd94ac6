import type { PublicAccount } from '@gzh/contracts';
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { api, errorMessage } from '../api';
import { AccountRow } from '../components/AccountRow';
import { TitleBar } from '../components/TitleBar';
import { useToast } from '../components/Toast';
import type { Route } from '../router';

interface DiscoverScreenProps {
  /** The search kept in the route, so coming back from a profile shows the same results. */
  initialQuery: string;
  navigate: (route: Route, options?: { replace?: boolean }) => void;
}

/** How long typing must pause before a search goes out. */
const SEARCH_DELAY_MS = 300;

/**
 * The 发现 tab: the two ways a person finds an account on WeChat, searching by name (or AppID,
 * or original id) and scanning its QR code.
 */
export function DiscoverScreen({ initialQuery, navigate }: DiscoverScreenProps) {
  const toast = useToast();
  const [text, setText] = useState(initialQuery);
  /** The query actually searched; set after a typing pause, or at once on Enter. */
  const [query, setQuery] = useState(initialQuery.trim());
  const [results, setResults] = useState<PublicAccount[] | null>(null);
  const [searching, setSearching] = useState(false);

  useEffect(() => {
    const trimmed = text.trim();
    if (trimmed === query) return;
    const timer = window.setTimeout(() => setQuery(trimmed), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [text, query]);

  useEffect(() => {
    navigate({ name: 'discover', q: query }, { replace: true });
    if (!query) {
      setResults(null);
      setSearching(false);
      return;
    }
    const controller = new AbortController();
    setSearching(true);
    api.searchAccounts(query, controller.signal).then(
      (res) => {
        setResults(res.accounts);
        setSearching(false);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setSearching(false);
        toast(errorMessage(err));
      },
    );
    return () => controller.abort();
  }, [query, navigate, toast]);

  function submit(event: FormEvent): void {
    event.preventDefault();
    setQuery(text.trim());
  }

  return (
    <section className="screen">
      <TitleBar title="发现" />
      <main className="content">
        <form className="search-bar" role="search" onSubmit={submit}>
          <input
            type="search"
            data-testid="account-search"
            placeholder="搜索公众号名称、AppID 或原始ID"
            enterKeyHint="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          {text && (
            <button type="button" className="search-clear" aria-label="清除" onClick={() => setText('')}>
              ×
            </button>
          )}
        </form>

        {query ? (
          <SearchResults
            results={results}
            searching={searching}
            onOpen={(account) => navigate({ name: 'account', appid: account.appid })}
          />
        ) : (
          <ul className="list">
            <li>
              <button type="button" className="cell" data-testid="discover-scan" onClick={() => navigate({ name: 'scan' })}>
                <ScanIcon />
                <span className="cell-body">
                  <span className="cell-title">扫一扫</span>
                </span>
                <span className="cell-arrow" aria-hidden="true" />
              </button>
            </li>
          </ul>
        )}
      </main>
    </section>
  );
}

interface SearchResultsProps {
  results: PublicAccount[] | null;
  searching: boolean;
  onOpen: (account: PublicAccount) => void;
}

function SearchResults({ results, searching, onOpen }: SearchResultsProps) {
  if (results === null) return <p className="empty">{searching ? '搜索中…' : ''}</p>;
  if (results.length === 0) return <p className="empty">{searching ? '搜索中…' : '没有找到相关公众号'}</p>;
  return (
    <>
      <h2 className="section-title">公众号</h2>
      <ul className="list">
        {results.map((account) => (
          <AccountRow key={account.appid} account={account} testId="account-result" onOpen={onOpen} />
        ))}
      </ul>
    </>
  );
}

/** WeChat's scan glyph, drawn inline to keep the bundle free of icon fonts. */
function ScanIcon() {
  return (
    <svg className="cell-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
      <path d="M3 8V4h4M17 4h4v4M21 16v4h-4M7 20H3v-4M3 12h18" fill="none" stroke="#10aeff" strokeWidth="1.8" />
    </svg>
  );
}
