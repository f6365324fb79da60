import { Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';

import { api, type SessionInfo } from '../api';
import { Feedback } from '../components/Feedback';

export function LoginPage({ onLogin }: { readonly onLogin: (session: SessionInfo) => void }) {
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    api<SessionInfo>('POST', '/session', { user, password }).then(onLogin, (failure: unknown) =>
      setError(failure instanceof Error ? failure.message : String(failure)),
    );
  };
  return (
    <Center h="100vh">
      <Paper withBorder p="xl" w={360}>
        <form onSubmit={submit}>
          <Stack>
            <Title order={3}>RocketMQ console</Title>
            <TextInput
              label="User"
              value={user}
              onChange={(event) => setUser(event.currentTarget.value)}
              autoComplete="username"
              required
            />
            <PasswordInput
              label="Password"
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              autoComplete="current-password"
              required
            />
            <Feedback error={error} />
            <Button type="submit">Log in</Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
