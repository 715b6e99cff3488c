// The kiosk's browser tests (kiosk.test.ts, kiosk-dossier.test.ts): a registered kiosk and a resident's identity QR.
import { expect } from 'vitest';
import type { RunningServer } from './server.js';
import { officerCookie, type RegisteredResident } from './support.js';
import { officerPost } from './services-support.js';

/** The administrator registers a kiosk of the province's centre: a relying party for its counter (`rpCode`), then the device. */
export async function registerKiosk(server: RunningServer, rpCode = 'hcc-tinh'): Promise<string> {
  const admin = await officerCookie(server, 'quantri');
  const province = server.accounts.get('quantri')!.areaCode;
  const rp = await officerPost(server, admin, '/api/v1/relying-parties', {
    code: rpCode, name: 'Trung tâm Phục vụ hành chính công tỉnh', type: 'other', purpose: 'Công dân đăng nhập tại kiosk tự phục vụ',
    allowedFields: ['personal_id', 'full_name'], minLevel: 1, provinceCode: province,
  });
  expect(rp.status, await rp.clone().text()).toBe(201);
  const { relyingParty } = (await rp.json()) as { relyingParty: { id: number } };
  const res = await officerPost(server, admin, '/api/v1/kiosks', { name: 'Kiosk 1 – sảnh tầng 1', unitCode: province, relyingPartyId: relyingParty.id });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { deviceKey: string }).deviceKey;
}

/** A fresh identity QR of the resident showing their name and personal ID, as their phone would show it. */
export async function identityQr(server: RunningServer, resident: RegisteredResident): Promise<string> {
  const cookie = `da06_citizen=${resident.sessionToken}`;
  const { csrfToken } = (await (await fetch(`${server.baseUrl}/api/v1/citizen/session`, { headers: { cookie } })).json()) as { csrfToken: string };
  const res = await fetch(`${server.baseUrl}/api/v1/citizen/identity-qr`, {
    method: 'POST', headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: JSON.stringify({ fields: ['personal_id', 'full_name'] }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}
