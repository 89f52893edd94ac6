import type { FollowResponse, PersonSession } from '@gzh/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorMessage, RequestError, setUnauthorizedHandler } from './api';
import { TabBar } from './components/TabBar';
import { ToastProvider, useToast } from './components/Toast';
import { useHashRoute } from './router';
import type { Route, TabName } from './router';
import { clearScanFromLocation, scanTicketFromLocation } from './scan';
import { AccountProfile } from './screens/AccountProfile';
import { ChatScreen } from './screens/ChatScreen';
import { ChatsScreen } from './screens/ChatsScreen';
import { ContactsScreen } from './screens/ContactsScreen';
import { DiscoverScreen } from './screens/DiscoverScreen';
import { MeScreen } from './screens/MeScreen';
import { PersonPicker } from './screens/PersonPicker';
import { ScanScreen } from './screens/ScanScreen';
import { SubscriptionsScreen } from './screens/SubscriptionsScreen';
import { clearSession, forgetSession, loadSession, saveSession } from './session';
import { startStream, stopStream } from './stream';

/** The follower client: a WeChat-like phone inside a 375px frame on desktop, full-screen on a phone. */
export function App() {
  return (
    <ToastProvider>
      <div className="phone">
        <Phone />
      </div>
    </ToastProvider>
  );
}

function tabRoute(tab: TabName): Route {
  return tab === 'discover' ? { name: 'discover', q: '' } : { name: tab };
}

/** Holds the session and the route, and decides which screen shows. */
function Phone() {
  const toast = useToast();
  const { route, navigate, back } = useHashRoute();
  const [session, setSession] = useState<PersonSession | null>(loadSession);
  const [pendingScan, setPendingScan] = useState<string | null>(() => scanTicketFromLocation(window.location.search));
  const scanning = useRef(false);
  const personId = session?.person.id ?? null;
  const token = session?.token ?? null;

  // One live message stream per signed-in person, for every screen.
  useEffect(() => {
    if (!personId || !token) return;
    startStream(personId, token);
    return stopStream;
  }, [personId, token]);

  // A token the server no longer accepts (person re-picked elsewhere, data reset) signs out.
  useEffect(() => {
    setUnauthorizedHandler(() => {
      const stale = loadSession();
      if (stale) forgetSession(stale.person.id);
      setSession(null);
      toast('身份已失效，请重新选择');
    });
    return () => setUnauthorizedHandler(null);
  }, [toast]);

  // Refresh the stored person (and check the token) once per signed-in person.
  useEffect(() => {
    if (!personId) return;
    let live = true;
    api.me().then(
      (res) => {
        const current = loadSession();
        if (!live || !current || current.person.id !== res.person.id) return;
        const fresh = { ...current, person: res.person };
        saveSession(fresh);
        setSession(fresh);
      },
      () => undefined, // 401 is handled above; offline keeps the stored person.
    );
    return () => {
      live = false;
    };
  }, [personId]);

  const showFollowed = useCallback(
    (result: FollowResponse, replace: boolean) => {
      toast(result.alreadyFollowing ? '已在关注' : '已关注');
      navigate({ name: 'account', appid: result.account.appid }, { replace });
    },
    [navigate, toast],
  );

  // `/phone/?scan=<ticket>` (where a QR code's landing page sends the phone) scans on arrival,
  // after a person has been picked if there is none yet.
  useEffect(() => {
    if (!personId || !pendingScan || scanning.current) return;
    scanning.current = true;
    api.scan({ ticket: pendingScan }).then(
      (result) => {
        scanning.current = false;
        clearScanFromLocation();
        setPendingScan(null);
        showFollowed(result, false);
      },
      (err: unknown) => {
        scanning.current = false;
        toast(errorMessage(err));
        // A stale session keeps the scan for the next person; any other failure drops it.
        if (err instanceof RequestError && err.status === 401) return;
        clearScanFromLocation();
        setPendingScan(null);
      },
    );
  }, [personId, pendingScan, showFollowed, toast]);

  const signIn = useCallback(
    (next: PersonSession) => {
      saveSession(next);
      setSession(next);
      if (route.name === 'me') navigate({ name: 'chats' }, { replace: true });
    },
    [navigate, route.name],
  );

  const switchPerson = useCallback(() => {
    clearSession();
    setSession(null);
  }, []);

  if (!session) return <PersonPicker onSignedIn={signIn} />;

  const selectTab = (tab: TabName): void => navigate(tabRoute(tab), { replace: true });

  switch (route.name) {
    case 'chats':
    case 'contacts':
    case 'discover':
    case 'me':
      return (
        <>
          {route.name === 'chats' && <ChatsScreen navigate={navigate} />}
          {route.name === 'contacts' && <ContactsScreen navigate={navigate} />}
          {route.name === 'discover' && <DiscoverScreen initialQuery={route.q} navigate={navigate} />}
          {route.name === 'me' && <MeScreen person={session.person} onSwitch={switchPerson} />}
          <TabBar active={route.name} onSelect={selectTab} />
        </>
      );
    case 'scan':
      return <ScanScreen onBack={() => back({ name: 'discover', q: '' })} onScanned={(result) => showFollowed(result, true)} />;
    case 'account':
      return (
        <AccountProfile
          key={route.appid}
          appid={route.appid}
          onBack={() => back({ name: 'contacts' })}
          onEnter={(account) => navigate({ name: 'chat', appid: account.appid })}
        />
      );
    case 'subscriptions':
      return <SubscriptionsScreen navigate={navigate} onBack={() => back({ name: 'chats' })} />;
    case 'chat':
      return (
        <ChatScreen
          key={route.appid}
          appid={route.appid}
          person={session.person}
          onBack={() => back({ name: 'chats' })}
          onProfile={() => navigate({ name: 'account', appid: route.appid })}
        />
      );
  }
}
