/**
 * The UI's only way to the server: same-origin fetches to console-api (/api/v1). Mutations carry
 * the CSRF token from the session answer (docs/console.md#security); errors come back as the
 * server's problem documents, shown as their `detail`.
 */
export interface SessionInfo {
  readonly user: string;
  readonly role: 'viewer' | 'admin';
  readonly csrfToken: string;
  readonly loginDisabled: boolean;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

let csrfToken = '';

export function rememberSession(session: SessionInfo): void {
  csrfToken = session.csrfToken;
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => ({}));
  if (!response.ok) {
    const problem = data as { detail?: string; code?: string };
    throw new ApiError(response.status, problem.detail ?? response.statusText, problem.code ?? 'HTTP_ERROR');
  }
  return data as T;
}

export const enc = encodeURIComponent;

export function query(params: Record<string, string | number | undefined>): string {
  const entries = Object.entries(params).filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '');
  return entries.length === 0 ? '' : `?${entries.map(([key, value]) => `${enc(key)}=${enc(String(value))}`).join('&')}`;
}
