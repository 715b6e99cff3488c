import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from './server.js';
import { cookiesOf, launchChromium, officerCookie, PHONE_VIEWPORT, signInOfficer, type RegisteredResident } from './support.js';
import { act, choose, levelTwoCitizen, officerPost as postAs, PDF } from './services-support.js';
import { testCscaPem } from '../src/modules/credentials/testing.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const PASSWORD = 'Mat-khau-dich-vu-cong-2026';
const OFFICER_PASSWORD = 'Mat-khau-can-bo-mot-cua-2026';
const DESKTOP = { viewport: { width: 1366, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' } as const;

let server: RunningServer;
let browser: Browser;
let resident: RegisteredResident;
let citizen: BrowserContext;
let dossierId = 0;
let criminalRecordId = 0;
let unitCode = '';

const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);

/** A one-stop-desk account of the commune made by the administrator, its one-time password replaced. */
async function makeOfficer(username: string, role: string, fullName: string) {
  const res = await postAs(server, await officerCookie(server, 'quantri'), '/api/v1/officers', { username, role, fullName, areaCode: unitCode });
  expect(res.status, await res.clone().text()).toBe(201);
  const { password } = (await res.json()) as { password: string };
  const signIn = await fetch(`${server.baseUrl}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const changed = await postAs(server, cookiesOf(signIn), '/api/v1/session/password', { currentPassword: password, newPassword: OFFICER_PASSWORD });
  expect(changed.status, await changed.clone().text()).toBe(200);
}

async function officerPage(username: string, phone = false): Promise<Page> {
  const context = await browser.newContext(phone ? { ...DESKTOP, viewport: PHONE_VIEWPORT } : DESKTOP);
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(OFFICER_PASSWORD);
  await page.getByTestId('login-submit').click();
  return page;
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer(3000, undefined, { trustCsca: await testCscaPem() });
  browser = await launchChromium();
  ({ resident, citizen } = await levelTwoCitizen(server, browser, PASSWORD));
  // Starting the demo server, registering the resident and reading a chip: minutes on a loaded machine.
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('public services: a birth registration from the citizen to the one-stop desk and back', () => {
  it('the citizen finds "khai sinh" typed without diacritics, starts, sees the locked registry fields and submits once on a double click', async () => {
    const page = await citizen.newPage();
    await page.goto(`${server.baseUrl}/citizen`);
    await page.getByTestId('link-services').click();
    await page.waitForURL('**/citizen/services');
    await page.getByTestId('services-search').locator('input').fill('khai sinh');
    await page.getByTestId('services-search').locator('input').press('Enter');
    const item = page.locator('[data-testid="procedure-item"][data-slug="dang-ky-khai-sinh"]');
    await item.waitFor();
    await page.screenshot({ path: `${ARTIFACTS}services-catalogue.png`, fullPage: true });
    await item.click();
    await page.getByTestId('procedure-name').waitFor();
    expect(await page.getByTestId('procedure-name').textContent()).toBe('Đăng ký khai sinh');
    expect(await page.getByTestId('not-required-count').textContent()).toMatch(/^\d+ giấy tờ không phải nộp$/);
    await page.screenshot({ path: `${ARTIFACTS}services-procedure.png`, fullPage: true });

    await page.getByTestId('procedure-start').click();
    await page.waitForURL(/\/citizen\/services\/dossiers\/\d+$/);
    dossierId = Number(/(\d+)$/.exec(page.url())![1]);
    const name = page.getByTestId('field-declarant.fullName');
    await name.waitFor();
    expect(await name.getAttribute('data-locked')).toBe('true');
    expect(await page.getByTestId('field-declarant.fullName-input').inputValue()).toBe(resident.fullName);
    expect(await page.getByTestId('field-declarant.fullName-input').isDisabled()).toBe(true);
    expect(await name.textContent()).toContain('Lấy từ Cơ sở dữ liệu quốc gia về dân cư');
    expect(await page.getByTestId('field-declarant.birthDate-input').inputValue()).toBe(ddmmyyyy(resident.dateOfBirth));
    await page.screenshot({ path: `${ARTIFACTS}services-form-locked.png`, fullPage: true });

    await page.getByTestId('field-child.fullName-input').fill('Nguyễn Thị An');
    await choose(page, 'child.sex', 'Nữ');
    await page.getByTestId('field-child.birthDate-input').fill(ddmmyyyy(daysAgo(3)));
    await page.getByTestId('field-child.birthPlace-input').fill('Bệnh viện Đa khoa tỉnh');
    await page.getByTestId('field-child.ethnicity-input').fill('Kinh');
    await page.getByTestId('field-child.nationality-input').fill('Việt Nam');
    const isMother = resident.sex === 'Nữ';
    if (!isMother) {
      await page.getByTestId('field-mother.fullName-input').fill('Trần Thị Bình');
      await page.getByTestId('field-mother.birthDate-input').fill('12/03/1995');
    }
    await choose(page, 'declarant.relation', isMother ? 'Mẹ' : 'Cha');
    await choose(page, 'delivery', 'Nhận bản điện tử trên tài khoản');
    await page.getByTestId('save-draft').click();
    await page.getByText('Đã lưu bản nháp').waitFor();

    // A file that is not a PDF, JPEG or PNG is refused before it leaves the phone, in Vietnamese.
    const upload = page.locator('[data-testid="upload-doc"][data-kind="giay-chung-sinh"]');
    await upload.locator('input[type=file]').setInputFiles({ name: 'giay-chung-sinh.txt', mimeType: 'text/plain', buffer: Buffer.from('không phải PDF') });
    await upload.getByTestId('upload-error').waitFor();
    expect(await upload.getByTestId('upload-error').textContent()).toContain('không phải PDF, JPEG hoặc PNG');
    await upload.locator('input[type=file]').setInputFiles({ name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: PDF });
    await upload.getByTestId('uploaded-file').waitFor();
    expect(await page.getByTestId('field-child.fullName-input').inputValue()).toBe('Nguyễn Thị An');

    await page.getByTestId('submit-dossier').dblclick();
    await page.locator('[data-testid="dossier-state"][data-state="submitted"]').waitFor();
    const code = (await page.getByTestId('dossier-code').textContent())!;
    expect(code).toMatch(/-\d{6}-\d{4,}$/);
    await page.getByTestId('dossier-timeline').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}services-submitted.png`, fullPage: true });

    // The double click made one dossier.
    await page.getByTestId('back-to-services').click();
    await page.getByTestId('my-dossiers').waitFor();
    await page.getByTestId('my-dossier').first().waitFor();
    expect(await page.getByTestId('my-dossier').count()).toBe(1);
    const mine = await page.evaluate(async () => (await (await fetch('/api/v1/services/dossiers')).json()) as { total: number; items: { unitCode: string }[] });
    expect(mine.total).toBe(1);
    unitCode = mine.items[0].unitCode;
    await page.close();
  });

  it('an officer of the unit finds it in the queue by deadline, receives it and asks for a supplement', async () => {
    await makeOfficer('motcua.e2e', 'one_stop_officer', 'Cán bộ Một cửa (thử)');
    await makeOfficer('lanhdao.e2e', 'commune_leader', 'Lãnh đạo UBND xã (thử)');
    const page = await officerPage('motcua.e2e');
    await page.waitForURL('**/officer/dossiers');
    expect(await page.getByTestId('nav-dossiers').textContent()).toBe('Hồ sơ thủ tục');
    const row = page.locator(`[data-testid="queue-row"][data-id="${dossierId}"]`);
    await row.waitFor();
    await page.locator('[data-testid="dossier-queue"] .ant-spin-blur').waitFor({ state: 'detached' });
    await page.screenshot({ path: `${ARTIFACTS}services-officer-queue.png`, fullPage: true });
    await row.getByTestId('queue-open').click();
    await page.getByTestId('dossier-registry').waitFor();
    expect(await page.getByTestId('registry-record').first().textContent()).toContain(resident.personalId);
    // The form beside the record: the registry's fields marked, the child's as the citizen typed them.
    const declarant = page.getByTestId('view-declarant.fullName');
    expect(await declarant.getAttribute('data-locked')).toBe('true');
    expect(await declarant.getByTestId('view-value').textContent()).toBe(resident.fullName);
    expect(await page.getByTestId('view-child.fullName').getByTestId('view-value').textContent()).toBe('Nguyễn Thị An');

    await act(page, 'receive', 'received', { 'action-comment': 'Hồ sơ đã được tiếp nhận.' });
    await page.getByText('Tiếp nhận hồ sơ: xong').first().waitFor();
    await act(page, 'request_supplement', 'supplement_requested', {
      'action-items': 'Bản chụp Giấy chứng sinh rõ nét, đủ 4 góc\nXác nhận nơi sinh của cơ sở y tế',
      'action-comment': 'Giấy chứng sinh chụp mờ, đề nghị bổ sung.',
    });
    await page.screenshot({ path: `${ARTIFACTS}services-officer-supplement.png`, fullPage: true });
    await page.context().close();

    // A commune officer on a phone: the queue as cards, the due flag first.
    const phone = await officerPage('motcua.e2e', true);
    await phone.waitForURL('**/officer/dossiers');
    await phone.locator(`.svc-queue-card[data-id="${dossierId}"]`).waitFor();
    await phone.screenshot({ path: `${ARTIFACTS}services-officer-queue-phone.png`, fullPage: true });
    await phone.context().close();
  });

  it('the citizen sees what is asked and answers the supplement request', async () => {
    const page = await citizen.newPage();
    await page.goto(`${server.baseUrl}/citizen/services/dossiers/${dossierId}`);
    await page.getByTestId('supplement-request').waitFor();
    expect(await page.getByTestId('supplement-items').textContent()).toContain('Xác nhận nơi sinh của cơ sở y tế');
    await page.screenshot({ path: `${ARTIFACTS}services-supplement-request.png`, fullPage: true });
    const upload = page.locator('[data-testid="upload-doc"][data-kind="giay-chung-sinh"]');
    await upload.locator('input[type=file]').setInputFiles({ name: 'giay-chung-sinh-ro-net.pdf', mimeType: 'application/pdf', buffer: PDF });
    await upload.getByText('giay-chung-sinh-ro-net.pdf').waitFor();
    await page.getByTestId('supplement-comment-input').fill('Đã chụp lại Giấy chứng sinh.');
    await page.getByTestId('supplement-answer').click();
    await page.locator('[data-testid="dossier-state"][data-state="submitted"]').waitFor();
    await page.close();
  });

  it('the desk receives it again, the leader approves, the desk returns the result', async () => {
    const desk = await officerPage('motcua.e2e');
    await desk.waitForURL('**/officer/dossiers');
    await desk.goto(`${server.baseUrl}/officer/dossiers/${dossierId}`);
    await act(desk, 'receive', 'received');
    // Received: the desk has the receipt with its appointment (Giấy tiếp nhận hồ sơ và hẹn trả kết quả).
    await desk.getByTestId('receipt').waitFor();
    expect(await desk.getByTestId('receipt-appointment').textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    // The same paper as a PDF to print and sign, fetched with the desk's session.
    const pdfHref = await desk.getByTestId('receipt-pdf').getAttribute('href');
    const pdf = await desk.request.get(new URL(pdfHref!, desk.url()).toString());
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await act(desk, 'start_processing', 'in_process', { 'action-comment': 'Chuyển công chức hộ tịch.' });
    // The desk cannot approve: the button is not offered to its role.
    expect(await desk.getByTestId('action-approve').count()).toBe(0);

    const leader = await officerPage('lanhdao.e2e');
    await leader.waitForURL('**/officer/dossiers');
    await leader.goto(`${server.baseUrl}/officer/dossiers/${dossierId}`);
    await act(leader, 'approve', 'processed', { 'action-comment': 'Đồng ý đăng ký khai sinh.' });
    await leader.context().close();

    await desk.reload();
    await act(desk, 'return_result', 'returned', { 'action-comment': 'Đã trả Giấy khai sinh điện tử.' });
    await desk.screenshot({ path: `${ARTIFACTS}services-officer-dossier.png`, fullPage: true });
    await desk.context().close();
  });

  it('the citizen sees the whole timeline and rates the service', async () => {
    const page = await citizen.newPage();
    await page.goto(`${server.baseUrl}/citizen/services/dossiers/${dossierId}`);
    await page.locator('[data-testid="dossier-state"][data-state="returned"]').waitFor();
    const actions = await page.getByTestId('timeline-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(actions).toEqual(expect.arrayContaining(['submit', 'receive', 'request_supplement', 'answer_supplement', 'start_processing', 'approve', 'return_result']));
    expect(await page.getByTestId('dossier-timeline').textContent()).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    await page.getByTestId('receipt').waitFor();
    expect(await page.getByTestId('receipt').textContent()).toContain('Giấy tiếp nhận hồ sơ và hẹn trả kết quả');
    await page.getByTestId('rating-panel').waitFor();
    await page.getByTestId('rate-other').waitFor();
    for (const key of ['resultTime', 'agenciesContacted', 'contactsNeeded', 'information', 'officerConduct', 'lawfulResult', 'explanations', 'onlineService', 'other']) {
      await page.getByTestId(`rate-${key}`).getByText('Rất hài lòng').click();
    }
    await page.getByTestId('rating-panel').screenshot({ path: `${ARTIFACTS}services-rating.png` });
    await page.getByTestId('rate-submit').click();
    await page.getByTestId('rating-done').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}services-returned.png`, fullPage: true });
    await page.close();
  });
});

describe('phiếu lý lịch tư pháp: the justice officer records the search result at approval', () => {
  it('the approval dialog asks for the result; "có án tích" needs its text; the citizen gets the certificate', async () => {
    const page = await citizen.newPage();
    await page.goto(`${server.baseUrl}/citizen/services`);
    // The request through the citizen's own session (the form's pages are covered by the birth above).
    const sent = await page.evaluate(async () => {
      const { csrfToken } = (await (await fetch('/api/v1/citizen/session')).json()) as { csrfToken: string };
      const post = async (url: string, body: unknown, extra: Record<string, string> = {}) => {
        const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, ...extra }, body: JSON.stringify(body) });
        return { status: r.status, body: (await r.json()) as { id: number } };
      };
      const d = await post('/api/v1/services/dossiers', { procedure: 'cap-phieu-ly-lich-tu-phap', form: { formType: '1', purpose: 'Bổ sung hồ sơ xin việc', copies: 1, delivery: 'online' } });
      const s = await post(`/api/v1/services/dossiers/${d.body.id}/submission`, {}, { 'idempotency-key': crypto.randomUUID() });
      return { draft: d.status, submitted: s.status, id: d.body.id };
    });
    expect(sent).toMatchObject({ draft: 201, submitted: 201 });
    criminalRecordId = sent.id;

    const justice = await (await browser.newContext(DESKTOP)).newPage();
    await signInOfficer(justice, server, 'tuphap.tinh');
    await justice.waitForURL((u) => !u.pathname.startsWith('/login'));
    await justice.goto(`${server.baseUrl}/officer/dossiers/${sent.id}`);
    await act(justice, 'receive', 'received');
    await act(justice, 'start_processing', 'in_process');
    // The officer who handled it is not offered the approval: the department's leader approves.
    expect(await justice.getByTestId('action-approve').count()).toBe(0);
    const head = await (await browser.newContext(DESKTOP)).newPage();
    await signInOfficer(head, server, 'lanhdao.tuphap');
    await head.waitForURL((u) => !u.pathname.startsWith('/login'));
    await head.goto(`${server.baseUrl}/officer/dossiers/${sent.id}`);
    await head.getByTestId('action-approve').click();
    await head.getByTestId('action-convictions').waitFor();
    // Nothing chosen: the dialog stays open with the field's message.
    // (Clicked again until the message shows: a click while the dialog still opens can be lost on a loaded machine.)
    const required = head.getByText('Chọn kết quả tra cứu lý lịch tư pháp');
    await expect.poll(async () => {
      await head.getByTestId('action-ok').click();
      return required.isVisible();
    }, { timeout: 30_000 }).toBe(true);
    await head.getByTestId('action-convictions').getByText('Có án tích', { exact: true }).click();
    await head.getByTestId('action-ok').click();
    await head.getByText('Ghi nội dung án tích').waitFor();
    await head.getByTestId('action-convictions').getByText('Không có án tích', { exact: true }).click();
    expect(await head.getByTestId('action-conviction-text').count()).toBe(0);
    await head.getByTestId('action-comment').fill('Đã tra cứu Cơ sở dữ liệu lý lịch tư pháp.');
    await head.screenshot({ path: `${ARTIFACTS}services-criminal-record-approval.png` });
    await head.getByTestId('action-ok').click();
    await head.locator('[data-testid="dossier-state"][data-state="processed"]').first().waitFor();
    await head.context().close();
    await justice.reload();
    await act(justice, 'return_result', 'returned');
    await justice.context().close();

    await page.goto(`${server.baseUrl}/citizen/services/dossiers/${sent.id}`);
    await page.locator('[data-testid="dossier-state"][data-state="returned"]').waitFor();
    const pdf = await page.evaluate(async (id) => {
      const r = await fetch(`/api/v1/services/dossiers/${id}/result.pdf`);
      return { status: r.status, type: r.headers.get('content-type'), head: new TextDecoder('latin1').decode((await r.arrayBuffer()).slice(0, 5)) };
    }, sent.id);
    expect(pdf).toEqual({ status: 200, type: expect.stringContaining('application/pdf'), head: '%PDF-' });
    await page.close();
  });
  it('the signed certificate is in the citizen\'s document store, and /verify says it is authentic; a changed copy is not', async () => {
    const page = await citizen.newPage();
    await page.goto(`${server.baseUrl}/citizen/documents`);
    const doc = page.getByTestId('citizen-document').first();
    await doc.waitFor();
    expect(await doc.textContent()).toMatch(/lý lịch tư pháp/i);
    await page.screenshot({ path: `${ARTIFACTS}documents-store.png`, fullPage: true });
    const b64 = await page.evaluate(async (id) => {
      const bytes = new Uint8Array(await (await fetch(`/api/v1/services/dossiers/${id}/result.pdf`)).arrayBuffer());
      let text = '';
      for (const b of bytes) text += String.fromCharCode(b);
      return btoa(text);
    }, criminalRecordId);
    await page.close();
    const pdf = Buffer.from(b64, 'base64');

    // Anyone (no sign-in) uploads the PDF at /verify.
    const verify = await (await browser.newContext(DESKTOP)).newPage();
    await verify.goto(`${server.baseUrl}/verify`);
    await verify.locator('input[type=file]').setInputFiles({ name: 'phieu-ly-lich-tu-phap.pdf', mimeType: 'application/pdf', buffer: pdf });
    await verify.getByTestId('verify-authentic').waitFor();
    expect(await verify.getByTestId('verify-page').textContent()).not.toContain(resident.personalId);
    await verify.screenshot({ path: `${ARTIFACTS}documents-verify.png`, fullPage: true });
    const changed = Buffer.from(pdf);
    changed[changed.length - 10] ^= 1;
    await verify.getByTestId('verify-again').click();
    await verify.locator('input[type=file]').setInputFiles({ name: 'ban-sua.pdf', mimeType: 'application/pdf', buffer: changed });
    await verify.getByTestId('verify-not-authentic').waitFor();
    await verify.context().close();
  });
  it('after reception the citizen asks to stop the processing, with a reason, once', async () => {
    const page = await citizen.newPage();
    await page.goto(`${server.baseUrl}/citizen/services`);
    const id = await page.evaluate(async () => {
      const { csrfToken } = (await (await fetch('/api/v1/citizen/session')).json()) as { csrfToken: string };
      const headers = { 'content-type': 'application/json', 'x-csrf-token': csrfToken };
      const d = (await (await fetch('/api/v1/services/dossiers', {
        method: 'POST', headers, body: JSON.stringify({ procedure: 'cap-phieu-ly-lich-tu-phap', form: { formType: '1', purpose: 'Xin việc', copies: 1, delivery: 'online' } }),
      })).json()) as { id: number };
      await fetch(`/api/v1/services/dossiers/${d.id}/submission`, { method: 'POST', headers: { ...headers, 'idempotency-key': crypto.randomUUID() }, body: '{}' });
      return d.id;
    });
    const received = await postAs(server, await officerCookie(server, 'tuphap.tinh'), `/api/v1/services/officer/dossiers/${id}/reception`, {});
    expect(received.status, await received.clone().text()).toBe(200);

    await page.goto(`${server.baseUrl}/citizen/services/dossiers/${id}`);
    await page.getByTestId('stop-request').click();
    await page.getByTestId('stop-request-reason').fill('Tôi đã có phiếu từ nơi khác, không cần nữa.');
    await page.getByTestId('stop-request-ok').click();
    await page.getByTestId('stop-requested').waitFor();
    expect(await page.getByTestId('stop-request').count()).toBe(0);
    expect(await page.locator('[data-testid="timeline-entry"][data-action="request_stop"]').count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}services-stop-request.png`, fullPage: true });
    await page.close();
  });
});
