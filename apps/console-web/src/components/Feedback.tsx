import { Alert, Loader } from '@mantine/core';
import type { ReactNode } from 'react';

/** What a section shows while loading or after a failure; the error text is the server's detail. */
export function Feedback({
  error,
  loading,
  children,
}: {
  readonly error?: string;
  readonly loading?: boolean;
  readonly children?: ReactNode;
}) {
  if (error !== undefined) {
    return (
      <Alert color="red" title="Request failed" role="alert">
        {error}
      </Alert>
    );
  }
  if (loading === true && children === undefined) return <Loader size="sm" />;
  return <>{children}</>;
}

export interface Outcome {
  readonly ok: boolean;
  readonly text: string;
}

export function OutcomeAlert({ outcome }: { readonly outcome: Outcome | undefined }) {
  if (outcome === undefined) return null;
  return (
    <Alert color={outcome.ok ? 'green' : 'red'} role="status" mt="sm">
      {outcome.text}
    </Alert>
  );
}

export async function attempt(action: () => Promise<string>, set: (outcome: Outcome) => void): Promise<void> {
  try {
    set({ ok: true, text: await action() });
  } catch (error) {
    set({ ok: false, text: error instanceof Error ? error.message : String(error) });
  }
}

export function when(ms: number): string {
  return ms > 0 ? new Date(ms).toLocaleString() : '-';
}
