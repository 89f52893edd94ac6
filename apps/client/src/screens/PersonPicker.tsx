import type { PersonSession, PersonView } from '@gzh/contracts';
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { api, errorMessage, RequestError } from '../api';
import { Avatar } from '../components/Avatar';
import { TitleBar } from '../components/TitleBar';
import { useToast } from '../components/Toast';
import { PLATFORMS, platformLabel } from '../labels';
import type { Platform } from '../labels';
import { loadKnownSessions } from '../session';

interface PersonPickerProps {
  onSignedIn: (session: PersonSession) => void;
}

/** Either the sandbox's people from the server, or (sandbox off) the people used on this device. */
type PersonList =
  | { kind: 'loading' }
  | { kind: 'server'; persons: PersonView[] }
  | { kind: 'local'; sessions: PersonSession[] }
  | { kind: 'failed'; message: string };

/**
 * The first screen without a session: a phone needs a WeChat user before it can follow anything.
 * In sandbox mode any existing person can be picked (handy for testing as a given follower);
 * otherwise only a new person can be created, or one this device used before.
 */
export function PersonPicker({ onSignedIn }: PersonPickerProps) {
  const toast = useToast();
  const [nickname, setNickname] = useState('');
  const [platform, setPlatform] = useState<Platform>(1);
  const [busy, setBusy] = useState(false);
  const [filter, setFilter] = useState('');
  const [list, setList] = useState<PersonList>({ kind: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    const timer = window.setTimeout(
      () => {
        api.listPersons(filter.trim(), controller.signal).then(
          (res) => setList({ kind: 'server', persons: res.persons }),
          (err: unknown) => {
            if (controller.signal.aborted) return;
            if (err instanceof RequestError && (err.status === 403 || err.status === 404)) {
              setList({ kind: 'local', sessions: loadKnownSessions() });
            } else {
              setList({ kind: 'failed', message: errorMessage(err) });
            }
          },
        );
      },
      filter ? 250 : 0,
    );
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [filter]);

  async function create(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const name = nickname.trim();
      const session = await api.createPerson(name ? { nickname: name, platform } : { platform });
      onSignedIn(session);
    } catch (err) {
      toast(errorMessage(err));
      setBusy(false);
    }
  }

  async function pick(person: PersonView): Promise<void> {
    if (busy) return;
    setBusy(true);
    try {
      onSignedIn(await api.pickPerson(person.id));
    } catch (err) {
      toast(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <section className="screen">
      <TitleBar title="选择身份" />
      <main className="content">
        <p className="hint">选择一个微信用户身份来使用这台“手机”。</p>

        <h2 className="section-title">创建新身份</h2>
        <form className="card form" onSubmit={(e) => void create(e)}>
          <label className="field">
            <span>昵称</span>
            <input
              data-testid="person-nickname"
              value={nickname}
              maxLength={32}
              placeholder="不填则随机生成"
              onChange={(e) => setNickname(e.target.value)}
            />
          </label>
          <div className="field">
            <span>平台</span>
            <div className="segmented" role="radiogroup" aria-label="平台">
              {PLATFORMS.map((p) => (
                <button
                  key={p.value}
                  type="button"
                  role="radio"
                  aria-checked={platform === p.value}
                  className={platform === p.value ? 'segment segment-on' : 'segment'}
                  data-testid={`person-platform-${p.value}`}
                  onClick={() => setPlatform(p.value)}
                >
                  {p.label}
                </button>
              ))}
            </div>
          </div>
          <button type="submit" className="button button-primary" data-testid="person-create" disabled={busy}>
            创建并进入
          </button>
        </form>

        <h2 className="section-title">已有身份</h2>
        {list.kind !== 'local' && (
          <div className="search-bar search-bar-inline">
            <input
              type="search"
              data-testid="person-search"
              placeholder="搜索昵称或 ID"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
          </div>
        )}
        <PersonListView list={list} busy={busy} onPick={(p) => void pick(p)} onResume={onSignedIn} />
      </main>
    </section>
  );
}

interface PersonListViewProps {
  list: PersonList;
  busy: boolean;
  onPick: (person: PersonView) => void;
  onResume: (session: PersonSession) => void;
}

function PersonListView({ list, busy, onPick, onResume }: PersonListViewProps) {
  switch (list.kind) {
    case 'loading':
      return <p className="empty">加载中…</p>;
    case 'failed':
      return <p className="empty">{list.message}</p>;
    case 'server':
      if (list.persons.length === 0) return <p className="empty">还没有身份，先创建一个吧</p>;
      return (
        <ul className="list">
          {list.persons.map((person) => (
            <PersonRow key={person.id} person={person} busy={busy} onUse={() => onPick(person)} />
          ))}
        </ul>
      );
    case 'local':
      return (
        <>
          <p className="hint">服务器未开启沙箱模式，只能创建新身份，或使用本机用过的身份。</p>
          {list.sessions.length > 0 && (
            <ul className="list">
              {list.sessions.map((session) => (
                <PersonRow key={session.person.id} person={session.person} busy={busy} onUse={() => onResume(session)} />
              ))}
            </ul>
          )}
        </>
      );
  }
}

interface PersonRowProps {
  person: PersonView;
  busy: boolean;
  onUse: () => void;
}

function PersonRow({ person, busy, onUse }: PersonRowProps) {
  return (
    <li>
      <button type="button" className="cell" data-testid="person-item" disabled={busy} onClick={onUse}>
        <Avatar name={person.nickname} url={person.avatarUrl} size={40} />
        <span className="cell-body">
          <span className="cell-title">{person.nickname}</span>
          <span className="cell-subtitle">
            {person.id} · {platformLabel(person.platform)}
          </span>
        </span>
        <span className="cell-action">使用</span>
      </button>
    </li>
  );
}
