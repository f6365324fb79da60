import { AppShell, Badge, Button, Group, Loader, NavLink, Title } from '@mantine/core';
import { useEffect, useState } from 'react';

import { api, rememberSession, type SessionInfo } from './api';
import { ClusterPage } from './pages/ClusterPage';
import { DashboardPage } from './pages/DashboardPage';
import { DlqPage } from './pages/DlqPage';
import { GroupDetailPage } from './pages/GroupDetailPage';
import { GroupsPage } from './pages/GroupsPage';
import { LoginPage } from './pages/LoginPage';
import { MessagesPage } from './pages/MessagesPage';
import { TopicDetailPage } from './pages/TopicDetailPage';
import { TopicsPage } from './pages/TopicsPage';
import { go, useRoute } from './hooks';

const NAV: ReadonlyArray<readonly [string, string]> = [
  ['dashboard', 'Dashboard'],
  ['cluster', 'Cluster'],
  ['topics', 'Topics'],
  ['groups', 'Consumer groups'],
  ['messages', 'Messages'],
  ['dlq', 'Dead letters'],
];

/**
 * The shell: asks GET /session first (login page on 401), then a navigation bar and the page of
 * the hash route. Buttons for changes are shown to admins only, but the server decides (403).
 */
export function App() {
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  const route = useRoute();
  useEffect(() => {
    api<SessionInfo>('GET', '/session').then(
      (current) => {
        rememberSession(current);
        setSession(current);
      },
      () => setSession(null),
    );
  }, []);
  if (session === undefined) return <Loader m="xl" />;
  if (session === null) {
    return (
      <LoginPage
        onLogin={(fresh) => {
          rememberSession(fresh);
          setSession(fresh);
        }}
      />
    );
  }
  const isAdmin = session.role === 'admin';
  const logout = (): void => {
    api('DELETE', '/session').finally(() => setSession(null));
  };
  const [page = 'dashboard', arg] = route;
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 210, breakpoint: 'sm' }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Title order={3}>RocketMQ console</Title>
          <Group>
            <Badge variant="light" aria-label="signed in as">
              {session.user} ({session.role})
            </Badge>
            {!session.loginDisabled && (
              <Button size="xs" variant="default" onClick={logout}>
                Log out
              </Button>
            )}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {NAV.map(([id, label]) => (
          <NavLink key={id} label={label} active={page === id} onClick={() => go(id)} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        {page === 'dashboard' && <DashboardPage />}
        {page === 'cluster' && <ClusterPage isAdmin={isAdmin} />}
        {page === 'topics' &&
          (arg === undefined ? <TopicsPage isAdmin={isAdmin} /> : <TopicDetailPage key={arg} topic={arg} isAdmin={isAdmin} />)}
        {page === 'groups' &&
          (arg === undefined ? <GroupsPage isAdmin={isAdmin} /> : <GroupDetailPage key={arg} group={arg} isAdmin={isAdmin} />)}
        {page === 'messages' && <MessagesPage isAdmin={isAdmin} />}
        {page === 'dlq' && <DlqPage group={arg} isAdmin={isAdmin} />}
      </AppShell.Main>
    </AppShell>
  );
}
