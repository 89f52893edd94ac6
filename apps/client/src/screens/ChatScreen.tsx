import type { MenuActionRequest, PersonView, SendMessageRequest } from '@gzh/contracts';
import { Fragment, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../api';
import type { MenuButton } from '../api';
import { Avatar } from '../components/Avatar';
import { Composer } from '../components/Composer';
import { MenuBar } from '../components/MenuBar';
import { MessageItem } from '../components/MessageItem';
import { PlusPanel } from '../components/PlusPanel';
import { TitleBar } from '../components/TitleBar';
import { useToast } from '../components/Toast';
import { chatTimeline } from '../broadcasts';
import { formatTime } from '../messages';
import { addMessages, markBroadcastsRead, markRead, useAccountBroadcasts, useMessages, useTyping } from '../stream';
import { useLoad } from '../useLoad';

interface ChatScreenProps {
  appid: string;
  person: PersonView;
  onBack: () => void;
  onProfile: () => void;
}

/** Messages per history page, and per step of the shown window. */
const PAGE = 50;
/** A time line goes between messages further apart than this, as on WeChat. */
const TIME_GAP_MS = 5 * 60_000;
/** Where `location_select` says the person is (the phone has no GPS). */
const MENU_LOCATION = {
  latitude: '39.904200',
  longitude: '116.407400',
  scale: '15',
  label: '北京市东城区天安门',
  poiname: '天安门',
};

const ICON_MENU = 'M4 6h16M4 12h16M4 18h16';
const ICON_KEYBOARD = 'M3 6h18v12H3zM6 9.5h1M9.5 9.5h1M13 9.5h1M16.5 9.5h1M6 12.5h1M16.5 12.5h1M8.5 15.5h7';

function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A conversation with one account: history (older pages on scrolling up) and live messages from
 * the app's stream, merged in time with the account's broadcasts; the input bar with its "+"
 * panel, and the account's menu in place of the input bar when it has one; "对方正在输入…" in the
 * title while the account types. Without a follow the history stays readable but nothing can be sent.
 */
export function ChatScreen({ appid, person, onBack, onProfile }: ChatScreenProps) {
  const toast = useToast();
  const loaded = useLoad(() => api.account(appid), appid);
  const account = loaded.data?.account ?? null;
  const following = account?.following === true;
  const messages = useMessages(appid);
  const broadcasts = useAccountBroadcasts(appid);
  const typing = useTyping(appid);
  const [shown, setShown] = useState(PAGE);
  const [complete, setComplete] = useState(false);
  const [menu, setMenu] = useState<MenuButton[] | null>(null);
  const [keyboard, setKeyboard] = useState<boolean | null>(null);
  const [plus, setPlus] = useState(false);
  const listRef = useRef<HTMLElement>(null);
  const paging = useRef(false);
  const atBottom = useRef(true);
  const seen = useRef({ first: '', last: '', height: 0 });

  const visible = chatTimeline(messages.slice(-shown), broadcasts, complete && messages.length <= shown);
  const menuMode = menu !== null && keyboard !== true;

  // The latest page on opening; the stream brings the rest and whatever comes next.
  useEffect(() => {
    api.messages(appid, undefined, PAGE).then(
      (res) => {
        addMessages(res.messages);
        if (res.messages.length < PAGE) setComplete(true);
      },
      (err: unknown) => toast(errorMessage(err)),
    );
  }, [appid, toast]);

  // Like WeChat, entering the chat of an account that asks for it reports where the follower is.
  const reportsLocation = following && account?.reportLocation === true;
  useEffect(() => {
    if (!reportsLocation || !('geolocation' in navigator)) return;
    navigator.geolocation.getCurrentPosition(
      (position) =>
        void api
          .reportLocation(appid, {
            latitude: position.coords.latitude,
            longitude: position.coords.longitude,
            precision: Math.round(position.coords.accuracy),
          })
          .catch(() => undefined),
      () => undefined,
      { timeout: 5000, maximumAge: 60_000 },
    );
  }, [appid, reportsLocation]);

  useEffect(() => {
    if (!following) return setMenu(null);
    let live = true;
    api.menu(appid).then(
      (res) => live && setMenu(res.menu?.button.length ? res.menu.button : null),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [appid, following]);

  // The menu, input bar or "+" panel took room from the list: stay at the bottom if we were there.
  useEffect(() => {
    const observer = new ResizeObserver(stickToBottom);
    if (listRef.current) observer.observe(listRef.current);
    return () => observer.disconnect();
  }, []);

  // Everything shown here has been seen.
  useEffect(() => markRead(appid), [appid, messages]);
  useEffect(() => markBroadcastsRead(appid), [appid, broadcasts]);

  // New messages at the bottom scroll down to them; older ones above keep what is on screen.
  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el) return;
    const first = visible[0]?.key ?? '';
    const last = visible.at(-1)?.key ?? '';
    const prev = seen.current;
    if (last !== prev.last) el.scrollTop = el.scrollHeight;
    else if (first !== prev.first) el.scrollTop += el.scrollHeight - prev.height;
    seen.current = { first, last, height: el.scrollHeight };
  });

  function onScroll(): void {
    const el = listRef.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 60;
    seen.current.height = el.scrollHeight;
    if (el.scrollTop < 60) loadOlder();
  }

  function loadOlder(): void {
    if (paging.current) return;
    if (messages.length > shown) {
      setShown((n) => n + PAGE);
      return;
    }
    const oldest = messages[0];
    if (complete || !oldest) return;
    paging.current = true;
    api.messages(appid, oldest.id, PAGE).then(
      (res) => {
        paging.current = false;
        addMessages(res.messages);
        if (res.messages.length < PAGE) setComplete(true);
        setShown((n) => n + PAGE);
      },
      (err: unknown) => {
        paging.current = false;
        toast(errorMessage(err));
      },
    );
  }

  function stickToBottom(): void {
    const el = listRef.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }

  async function send(request: SendMessageRequest): Promise<boolean> {
    try {
      const res = await api.send(appid, request);
      addMessages([res.message]);
      atBottom.current = true;
      return true;
    } catch (err) {
      toast(errorMessage(err));
      return false;
    }
  }

  async function tapMenu(button: MenuButton): Promise<void> {
    const type = button.type ?? '';
    const action: MenuActionRequest = { type };
    if (button.key !== undefined) action.key = button.key;
    else if (button.url !== undefined) action.url = button.url;
    if (type.startsWith('scancode')) {
      const result = window.prompt('扫码结果', '');
      if (result === null) return;
      action.scanType = 'qrcode';
      action.scanResult = result;
    } else if (type.startsWith('pic_')) {
      action.picMd5Sums = [randomHex(16)];
    } else if (type === 'location_select') {
      action.location = MENU_LOCATION;
    }
    try {
      const { url } = await api.clickMenu(appid, action);
      if (url) window.open(url, '_blank', 'noopener');
    } catch (err) {
      toast(errorMessage(err));
    }
  }

  async function follow(): Promise<void> {
    try {
      const res = await api.follow(appid);
      loaded.setData({ account: res.account });
      toast('已关注');
    } catch (err) {
      toast(errorMessage(err));
    }
  }

  const toggle = menu && (
    <button
      type="button"
      className="icon-button menu-toggle"
      data-testid="chat-menu-toggle"
      aria-label={menuMode ? '切换到键盘' : '切换到菜单'}
      onClick={() => {
        setKeyboard(menuMode);
        setPlus(false);
      }}
    >
      <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true">
        <path d={menuMode ? ICON_KEYBOARD : ICON_MENU} fill="none" stroke="currentColor" strokeWidth="1.5" />
      </svg>
    </button>
  );

  const now = Date.now();
  const side = account ?? { name: '', avatarUrl: '' };

  return (
    <section className="screen">
      <TitleBar
        title={typing ? '对方正在输入…' : (account?.name ?? '')}
        onBack={onBack}
        right={
          <button type="button" className="icon-button" aria-label="公众号资料" data-testid="chat-profile" onClick={onProfile}>
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
              <path
                d="M12 12a4 4 0 100-8 4 4 0 000 8zm-7 8c0-3.3 3.1-6 7-6s7 2.7 7 6"
                fill="none"
                stroke="currentColor"
                strokeWidth="1.6"
              />
            </svg>
          </button>
        }
      />
      <main className="content chat-messages" data-testid="chat-messages" ref={listRef} onScroll={onScroll}>
        {account ? (
          complete &&
          messages.length <= shown && (
            <div className="chat-header" data-testid="chat-header">
              <Avatar name={account.name} url={account.avatarUrl} size={48} />
              <div>
                <div className="cell-title">{account.name}</div>
                <div className="cell-subtitle">{account.intro}</div>
              </div>
            </div>
          )
        ) : (
          <p className="empty">{loaded.loading ? '加载中…' : loaded.error}</p>
        )}
        {visible.map(({ key, message }, i) => {
          const prev = visible[i - 1]?.message;
          return (
            <Fragment key={key}>
              {(!prev || message.createdAt - prev.createdAt > TIME_GAP_MS) && (
                <p className="chat-time">{formatTime(message.createdAt, now, true)}</p>
              )}
              <MessageItem
                message={message}
                account={side}
                person={person}
                onMedia={stickToBottom}
                onMenuItem={
                  following ? (item) => void send({ type: 'text', content: item.content, bizmsgmenuid: item.id }) : undefined
                }
              />
            </Fragment>
          );
        })}
      </main>
      {account && !following ? (
        <>
          <div className="chat-locked" data-testid="chat-locked">
            <span>关注该公众号后才能发送消息</span>
            <button
              type="button"
              className="button button-plain button-small"
              data-testid="chat-follow"
              onClick={() => void follow()}
            >
              关注
            </button>
          </div>
          <Composer disabled placeholder="关注后才能发送消息" />
        </>
      ) : menuMode ? (
        <MenuBar buttons={menu} toggle={toggle} onTap={(button) => void tapMenu(button)} />
      ) : (
        <>
          <Composer
            disabled={!account}
            placeholder=""
            before={toggle}
            onSend={(content) => send({ type: 'text', content })}
            onFocus={() => setPlus(false)}
            after={
              <button
                type="button"
                className={plus ? 'icon-button plus-toggle plus-open' : 'icon-button plus-toggle'}
                data-testid="chat-plus"
                aria-label="更多"
                aria-expanded={plus}
                disabled={!account}
                onClick={() => setPlus(!plus)}
              >
                <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">
                  <circle cx="12" cy="12" r="9.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
                  <path d="M12 7.5v9M7.5 12h9" stroke="currentColor" strokeWidth="1.5" />
                </svg>
              </button>
            }
          />
          {plus && (
            <PlusPanel
              onSend={async (request) => {
                const sent = await send(request);
                if (sent) setPlus(false);
                return sent;
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
