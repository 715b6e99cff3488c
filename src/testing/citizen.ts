import type { TestApp } from './app.js';

/** A signed-in citizen: the session cookie and the CSRF header, ready to pass as request headers. */
export interface CitizenSession {
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
}

export const CITIZEN_PASSWORD = 'mot-mat-khau-dai-2026';

type Res = Awaited<ReturnType<TestApp['app']['inject']>>;

export function citizenSessionOf(res: Res): CitizenSession {
  const cookie = `da06_citizen=${res.cookies.find((c) => c.name === 'da06_citizen')!.value}`;
  const csrf = res.json().csrfToken as string;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

/** The six-digit code of the newest message in the development outbox. */
export async function latestCode(t: TestApp): Promise<string> {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/dev/outbox?limit=1' });
  return /(\d{6})/.exec(res.json().items[0].body)![1];
}

/** Registers an e-ID account through the real routes (registry match, SMS code, password) and returns its session. */
export async function registerCitizen(
  t: TestApp,
  p: { personalId: string; fullName: string; dateOfBirth: string; phone: string },
  password = CITIZEN_PASSWORD,
): Promise<CitizenSession> {
  const started = await t.app.inject({ method: 'POST', url: '/api/v1/citizen/registrations', payload: p });
  if (started.statusCode !== 202) throw new Error(`registration ${p.personalId}: ${started.statusCode} ${started.body}`);
  const res = await t.app.inject({
    method: 'POST', url: `/api/v1/citizen/registrations/${started.json().registrationId}/confirm`, payload: { code: await latestCode(t), password },
  });
  if (res.statusCode !== 201) throw new Error(`confirm ${p.personalId}: ${res.statusCode} ${res.body}`);
  return citizenSessionOf(res);
}
