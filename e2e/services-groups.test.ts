import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { startServer, type RunningServer } from './server.js';
import { apiGet, launchChromium, officerCookie, officerDesktopPage, type RegisteredResident } from './support.js';
import { act, choose, levelTwoCitizen, PDF } from './services-support.js';
import { testCscaPem } from '../src/modules/credentials/testing.js';
import { pdfPageImages, pdftoppmMissing } from '../src/modules/operations/testing.js';

/**
 * Issue 15, "Done when": a citizen registers a birth through linked group 1 (khai sinh → thường trú → thẻ BHYT,
 * NĐ 63/2024/NĐ-CP) with one form and one submission, each step decided by the demo desk account of its agency,
 * one timeline; the first step is received at 15:30 on Friday 13/02/2026, the last working day before Tết
 * (14–22/02), and gets the close of Monday 23/02 (DOMAIN-SERVICES.md §1.7); its receipt PDF is read and rendered.
 * The server's services clock starts at 15:28 that day (DA06_SERVICES_CLOCK_START, test and development only)
 * and runs on, so every step keeps its order.
 */
const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const PASSWORD = 'Mat-khau-lien-thong-2026';
const CLOCK_START = '2026-02-13T15:28:00+07:00';
const GROUP_1 = 'lien-thong-khai-sinh-thuong-tru-bhyt';
const GROUP_2 = 'lien-thong-khai-tu-xoa-thuong-tru-mai-tang-phi';
const BIRTH = 'dang-ky-khai-sinh';
const RESIDENCE = 'dang-ky-thuong-tru';
const CARD = 'cap-the-bhyt-tre-em-duoi-6-tuoi';
const CHILD = 'Lê Thị Xuân Mai';

interface GroupAnswer {
  id: number;
  state: string;
  dueAt: string | null;
  steps: { index: number; procedure: { slug: string; agency: string }; dossier: { id: number; code: string | null; state: string } | null }[];
  timeline: { step: number; action: string; actorKind: string }[];
}

let server: RunningServer;
let browser: Browser;
let resident: RegisteredResident;
let citizen: BrowserContext;
let groupId = 0;

const field = (step: string, path: string) => `${step}.${path}`;

/** The group as the citizen's API gives it (read in the citizen's own browser context). */
async function groupNow(page: Page): Promise<GroupAnswer> {
  return page.evaluate(async (id) => (await (await fetch(`/api/v1/services/groups/${id}`)).json()) as GroupAnswer, groupId);
}

/** The group now, read through a page of the citizen's browser. */
async function readGroup(): Promise<GroupAnswer> {
  const page = await citizen.newPage();
  await page.goto(`${server.baseUrl}/citizen/services`);
  const g = await groupNow(page);
  await page.close();
  return g;
}

const deskPage = (username: string) => officerDesktopPage(browser, server, username);

/** Receive, start processing and approve one step at its agency's desk (the approval opens the next step). */
async function decide(username: string, approver: string, dossierId: number, shot: string) {
  const desk = await deskPage(username);
  await desk.goto(`${server.baseUrl}/officer/dossiers`);
  await desk.getByTestId('nav-dossiers').waitFor();
  const row = desk.locator(`[data-testid="queue-row"][data-id="${dossierId}"]`);
  await row.waitFor();
  await row.getByTestId('queue-open').click();
  await act(desk, 'receive', 'received', { 'action-comment': 'Đã tiếp nhận hồ sơ liên thông.' });
  await act(desk, 'start_processing', 'in_process');
  let approverPage = desk;
  if (approver !== username) {
    approverPage = await deskPage(approver);
    await approverPage.goto(`${server.baseUrl}/officer/dossiers/${dossierId}`);
  }
  await act(approverPage, 'approve', 'processed', { 'action-comment': 'Đồng ý.' });
  await approverPage.screenshot({ path: `${ARTIFACTS}${shot}`, fullPage: true });
  if (approverPage !== desk) await approverPage.context().close();
  await desk.context().close();
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer(3000, undefined, { trustCsca: await testCscaPem(), env: { DA06_SERVICES_CLOCK_START: CLOCK_START } });
  browser = await launchChromium();
  // A resident of the first demo commune, where the demo desk accounts work (motcua.xa, lanhdao.xa, congan.xa).
  ({ resident, citizen } = await levelTwoCitizen(server, browser, PASSWORD, 'canbo.xa'));
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('demo desk accounts', () => {
  it('prints one account per services desk role, at the level of area the role works at', () => {
    const commune = server.accounts.get('canbo.xa')!.areaCode;
    const province = server.accounts.get('canbo.tinh')!.areaCode;
    const expected: [string, string, string][] = [
      ['motcua.xa', 'one_stop_officer', commune], ['hotich.xa', 'civil_status_officer', commune], ['lanhdao.xa', 'commune_leader', commune],
      ['laodong.xa', 'labour_social_officer', commune], ['bhxh.tinh', 'health_insurance_officer', province], ['tuphap.tinh', 'province_justice_officer', province],
      ['truong.congan.xa', 'commune_police', commune], ['lanhdao.bhxh', 'health_insurance_officer', province], ['lanhdao.tuphap', 'province_justice_officer', province],
    ];
    for (const [username, role, area] of expected) expect(server.accounts.get(username), username).toMatchObject({ role, areaCode: area });
  });
});

describe('linked group 1: a birth, its permanent residence and the child\'s health-insurance card, submitted once', () => {
  it('the citizen starts the group from /citizen/services with one form for the three steps (phone)', async () => {
    const page = await citizen.newPage();
    await page.goto(`${server.baseUrl}/citizen/services`);
    await page.getByTestId('tab-groups').click();
    const item = page.locator(`[data-testid="linked-group"][data-slug="${GROUP_1}"]`);
    await item.waitFor();
    // Group 2 (khai tử → xóa thường trú → mai táng phí) is offered beside it.
    await page.locator(`[data-testid="linked-group"][data-slug="${GROUP_2}"]`).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}groups-catalogue.png`, fullPage: true });
    await item.click();
    await page.waitForURL(`**/citizen/services/groups/start/${GROUP_1}`);
    await page.locator(`[data-testid="group-step-form"][data-slug="${CARD}"]`).waitFor();
    expect(await page.getByTestId('group-step-form').count()).toBe(3);
    // What the birth step returns is not asked again: the card step names it and shows no input for the child.
    expect(await page.locator(`[data-slug="${CARD}"] [data-testid="group-step-carried"]`).textContent()).toContain('Số định danh cá nhân');
    expect(await page.getByTestId(`field-${field(CARD, 'child.personalId')}-input`).count()).toBe(0);
    expect(await page.getByTestId(`field-${field(RESIDENCE, 'members')}`).count()).toBe(0);
    // The applicant's own registry fields are filled when the group is made: named, not asked.
    expect(await page.getByTestId(`field-${field(BIRTH, 'declarant.fullName')}`).count()).toBe(0);
    expect(await page.locator(`[data-slug="${RESIDENCE}"] [data-testid="group-step-prefilled"]`).textContent()).toContain('Họ, chữ đệm và tên chủ hộ');
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.getByTestId(`field-${field(BIRTH, 'child.fullName')}-input`).fill(CHILD);
    await choose(page, field(BIRTH, 'child.sex'), 'Nữ');
    await page.getByTestId(`field-${field(BIRTH, 'child.birthDate')}-input`).fill('10/02/2026');
    await page.getByTestId(`field-${field(BIRTH, 'child.birthPlace')}-input`).fill('Bệnh viện Đa khoa tỉnh');
    await page.getByTestId(`field-${field(BIRTH, 'child.ethnicity')}-input`).fill('Kinh');
    await page.getByTestId(`field-${field(BIRTH, 'child.nationality')}-input`).fill('Việt Nam');
    const isMother = resident.sex === 'Nữ';
    if (!isMother) {
      await page.getByTestId(`field-${field(BIRTH, 'mother.fullName')}-input`).fill('Trần Thị Bình');
      await page.getByTestId(`field-${field(BIRTH, 'mother.birthDate')}-input`).fill('12/03/1995');
    }
    await choose(page, field(BIRTH, 'declarant.relation'), isMother ? 'Mẹ' : 'Cha');
    await choose(page, field(BIRTH, 'delivery'), 'Nhận bản điện tử trên tài khoản');
    await page.getByTestId(`field-${field(RESIDENCE, 'request')}-input`).fill('Đăng ký thường trú cho con vào hộ gia đình');
    await page.getByTestId(`field-${field(RESIDENCE, 'address')}-input`).fill('Số 12, ấp Bình Thạnh');
    await choose(page, field(RESIDENCE, 'accommodationBasis'), 'Về ở với vợ, chồng, cha, mẹ, con');
    await page.getByTestId(`field-${field(CARD, 'primaryCareFacility')}-input`).fill('Trạm y tế xã');
    await page.screenshot({ path: `${ARTIFACTS}groups-form.png`, fullPage: true });
    await page.getByTestId('group-create').click();
    await page.waitForURL(/\/citizen\/services\/groups\/\d+$/);
    groupId = Number(/(\d+)$/.exec(page.url())![1]);

    // The draft: the first step's form as the registry filled it, its papers, one submission for the group.
    await page.locator('[data-testid="group-state"][data-state="draft"]').waitFor();
    await page.getByTestId('group-first-form').waitFor();
    expect(await page.getByTestId('group-first-form').textContent()).toContain(resident.fullName);
    const upload = page.locator('[data-testid="upload-doc"][data-kind="giay-chung-sinh"]');
    await upload.locator('input[type=file]').setInputFiles({ name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: PDF });
    await upload.getByTestId('uploaded-file').waitFor();
    await page.getByTestId('group-submit').dblclick();
    await page.locator('[data-testid="group-state"][data-state="in_progress"]').waitFor();
    // The group's own deadline: 3 working days from Fri 13/02 across Tết (14–22/02): 23, 24, 25/02.
    expect(await page.getByTestId('group-due').textContent()).toBe('25/02/2026');
    expect(await page.getByTestId('group-submitted').textContent()).toMatch(/^13\/02\/2026 1[56]:\d{2}$/);
    await page.locator('[data-testid="group-step"][data-index="0"][data-state="submitted"]').waitFor();
    expect(await page.locator('[data-testid="group-step"][data-state="not_opened"]').count()).toBe(2);
    await page.screenshot({ path: `${ARTIFACTS}groups-submitted.png`, fullPage: true });
    // The double click submitted once: one dossier, the first step's.
    const g = await groupNow(page);
    expect(g.steps.filter((s) => s.dossier).length).toBe(1);
    await page.close();
  });

  it('the one-stop desk receives the birth at 15:30 on the last working day before Tết: due at the close of Mon 23/02/2026; the receipt PDF says so', async () => {
    const g = await readGroup();
    const birthId = g.steps[0].dossier!.id;

    const desk = await deskPage('motcua.xa');
    await desk.goto(`${server.baseUrl}/officer/dossiers/${birthId}`);
    await act(desk, 'receive', 'received', { 'action-comment': 'Đã tiếp nhận.' });
    await desk.getByTestId('receipt').waitFor();
    // Received after 15:00 on Fri 13/02 (the services clock started at 15:28): a same-day procedure is handed on at
    // Monday's opening after Tết and its result is due at the close of that day (NĐ 118/2025 Art. 18; §1.7).
    expect(await desk.getByTestId('receipt-received').textContent()).toMatch(/^13\/02\/2026 1[56]:\d{2}$/);
    expect(await desk.getByTestId('receipt-appointment').textContent()).toBe('23/02/2026 17:00');
    await desk.getByTestId('receipt').screenshot({ path: `${ARTIFACTS}groups-receipt.png` });

    const href = await desk.getByTestId('receipt-pdf').getAttribute('href');
    const res = await desk.request.get(new URL(href!, desk.url()).toString());
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const pdf = await res.body();
    const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
    const text = (await (await doc.getPage(1)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ').replace(/\s+/g, ' ');
    await doc.destroy();
    const code = g.steps[0].dossier!.code!;
    expect(text).toContain(code);
    expect(text).toContain('23/02/2026');
    expect(text.replace(/\s+/g, '')).toContain(resident.fullName.replace(/\s+/g, ''));
    expect(text.replace(/\s+/g, '')).toContain('Đăngkýkhaisinh');
    const missing = pdftoppmMissing();
    if (missing) {
      console.warn(`receipt page image not saved: ${missing}`);
    } else {
      const [first] = pdfPageImages(pdf, 110);
      writeFileSync(`${ARTIFACTS}groups-receipt-pdf.png`, first.png);
      // An A4 page with ink on it.
      expect(first.height / first.width).toBeGreaterThan(1.35);
      let inked = 0;
      for (let y = 0; y < first.height; y += 10) for (let x = 0; x < first.width; x += 10) if (first.ink(x, y)) inked++;
      expect(inked).toBeGreaterThan(100);
    }
    await act(desk, 'start_processing', 'in_process');
    await desk.context().close();

    const leader = await deskPage('lanhdao.xa');
    await leader.goto(`${server.baseUrl}/officer/dossiers/${birthId}`);
    await act(leader, 'approve', 'processed', { 'action-comment': 'Đồng ý đăng ký khai sinh.' });
    await leader.context().close();
  });

  it('the birth put the child in the registry with a valid personal ID, carried into the residence step at the commune police', async () => {
    const g = await readGroup();
    expect(g.steps[1].dossier).toMatchObject({ state: 'submitted' });
    const residenceId = g.steps[1].dossier!.id;
    const police = await officerCookie(server, 'congan.xa');
    const detail = await apiGet<{ form: { members: { fullName: string; personalId: string }[] } }>(server, police, `/api/v1/services/officer/dossiers/${residenceId}`);
    const childId = detail.form.members[0].personalId;
    // 12 digits: the registering province, 3 (a girl born 2000–2099), 26 (born 2026), a serial of six.
    expect(childId).toMatch(/^\d{3}326\d{6}$/);
    const person = await apiGet<{ fullName: string; dateOfBirth: string; sex: string }>(server, await officerCookie(server, 'canbo.tinh'), `/api/v1/people/${childId}`);
    expect(person).toMatchObject({ fullName: CHILD, dateOfBirth: '2026-02-10', sex: 'Nữ' });

    await decide('congan.xa', 'truong.congan.xa', residenceId, 'groups-police-approved.png');
  });

  it('the health-insurance step is in the social insurance officer\'s queue; the labour officer has the menu entry too', async () => {
    const g = await readGroup();
    expect(g.steps[2].dossier).toMatchObject({ state: 'submitted' });
    expect(g.steps[2].procedure.agency).toBe('social_insurance');
    await decide('bhxh.tinh', 'lanhdao.bhxh', g.steps[2].dossier!.id, 'groups-bhxh-approved.png');

    const labour = await deskPage('laodong.xa');
    await labour.waitForURL('**/officer/dossiers');
    expect(await labour.getByTestId('nav-dossiers').textContent()).toBe('Hồ sơ thủ tục');
    await labour.getByTestId('dossier-queue').waitFor();
    await labour.context().close();
  });

  it('the citizen sees one timeline for the whole group, each agency\'s step in order, and the group completed', async () => {
    const page = await citizen.newPage();
    await page.goto(`${server.baseUrl}/citizen/services?tab=mine`);
    const mine = page.locator(`[data-testid="my-group"][data-id="${groupId}"]`);
    await mine.waitFor();
    await mine.click();
    await page.locator('[data-testid="group-state"][data-state="completed"]').waitFor();
    expect(await page.locator('[data-testid="group-step"][data-state="processed"]').count()).toBe(3);
    const steps = await page.getByTestId('timeline-step').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-step'))));
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(new Set(steps)).toEqual(new Set([0, 1, 2]));
    const approvals = await page.locator('[data-testid="timeline-entry"][data-action="approve"]').count();
    expect(approvals).toBe(3);
    expect(await page.getByTestId('group-timeline').textContent()).toMatch(/13\/02\/2026 1[56]:\d{2}/);
    expect(await page.getByTestId('group-due').textContent()).toBe('25/02/2026');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${ARTIFACTS}groups-completed.png`, fullPage: true });
    // A step's own page says it belongs to the group and leads back to it.
    await page.locator('[data-testid="group-step"][data-index="2"] [data-testid="group-step-link"]').click();
    await page.getByTestId('dossier-group-link').click();
    await page.waitForURL(`**/citizen/services/groups/${groupId}`);
    await page.close();
  });

  it('group 2 (death → removal of permanent residence → funeral allowance) starts from the same kind of form', async () => {
    const page = await citizen.newPage();
    await page.goto(`${server.baseUrl}/citizen/services/groups/start/${GROUP_2}`);
    await page.locator('[data-testid="group-step-form"][data-slug="giai-quyet-mai-tang-phi"]').waitFor();
    expect(await page.getByTestId('group-step-form').count()).toBe(3);
    // The removal and the allowance take the deceased from the death step: not asked again.
    expect(await page.getByTestId('field-xoa-dang-ky-thuong-tru.subject').count()).toBe(0);
    expect(await page.getByTestId('field-giai-quyet-mai-tang-phi.deceased.fullName').count()).toBe(0);
    expect(await page.getByTestId('field-giai-quyet-mai-tang-phi.deceased.socialInsuranceNo-input').count()).toBe(1);
    expect(await page.getByTestId('field-dang-ky-khai-tu.deceased.fullName-input').count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}groups-death-form.png`, fullPage: true });
    await page.close();
  });
});
