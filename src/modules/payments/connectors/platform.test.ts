import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../testing/app.js';
import { COMMUNE_A } from '../../registry/testing.js';
import { DomainError } from '../errors.js';
import { PaymentPlatformStandin, SAMPLE_NOTIFY_SECRET } from '../testing.js';
import { httpPaymentPlatform, PLATFORM_STANDIN_LABEL } from './platform.js';

const MERCHANT = 'DA06-TEST-001';
const SECRET = 'platform-secret-for-the-stand-in-0123';
let t: TestApp;
let standin: PaymentPlatformStandin;

beforeAll(async () => {
  standin = await PaymentPlatformStandin.start(MERCHANT, SECRET);
  t = await testApp({
    DA06_PAYMENT_PLATFORM_URL: standin.url, DA06_PAYMENT_PLATFORM_MERCHANT: MERCHANT, DA06_PAYMENT_PLATFORM_SECRET: SECRET, DA06_PAYMENT_PLATFORM_STANDIN: 'true',
  });
}, 120_000);

afterAll(async () => {
  await t?.close();
  await standin?.close();
});

/** A request of another module's kind (a fine): the payments interface knows no dossier. */
const fine = (amount: number) => t.db.transaction((tx) => t.services.payments.request(tx, {
  subject: { kind: 'fine', id: `QD-${amount}`, code: `QĐ ${amount}/QĐ-XPHC` }, payer: { accountId: null, name: 'Trần Văn Phạt', personalId: '082090000001' },
  unitCode: COMMUNE_A, provinceCode: COMMUNE_A.slice(0, 2), amount, purpose: 'Tiền phạt vi phạm hành chính',
}));

describe('the payment platform connector against its local stand-in', () => {
  it('says plainly that the connection is the stand-in', () => {
    expect(t.services.payments.platformTarget()).toEqual({ configured: true, standin: true, label: PLATFORM_STANDIN_LABEL });
  });

  it('opens an order with its secureCode, reads its status, and the platform\'s signed notification confirms the payment', async () => {
    const request = await fine(250_000);
    const platform = httpPaymentPlatform({ url: standin.url, merchant: MERCHANT, secret: SECRET, standin: true, timeoutMs: 2_000 });
    const order = await platform.order({ merchantOrderId: request.reference, amount: 250_000, desc: 'TIEN PHAT' });
    expect(order.transactionId).toMatch(/^G22\.99\.3-\d{12}$/);
    expect(order.paymentUrl.startsWith(standin.url)).toBe(true);
    // Ordering again answers the same order.
    expect((await platform.order({ merchantOrderId: request.reference, amount: 250_000, desc: 'TIEN PHAT' })).transactionId).toBe(order.transactionId);
    expect(await platform.status(request.reference)).toMatchObject({ status: 'pending', transactionId: order.transactionId, amount: 250_000 });

    // The payer's browser coming back proves nothing; the platform's notification does.
    const delivery = standin.pay(request.reference, SAMPLE_NOTIFY_SECRET);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/payments/notifications', headers: delivery.headers, payload: delivery.body });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ reference: request.reference, transactionId: order.transactionId, status: 'confirmed' });
    expect(await platform.status(request.reference)).toMatchObject({ status: 'paid' });
    const row = await t.db.query<{ status: string }>('SELECT status FROM payment_requests WHERE reference = $1', [request.reference]);
    expect(row.rows[0].status).toBe('paid');
  });

  it('refuses an order signed with another secret, and an unreachable platform, as PAYMENT_PLATFORM_UNAVAILABLE', async () => {
    const wrong = httpPaymentPlatform({ url: standin.url, merchant: MERCHANT, secret: 'not-the-shared-secret-0000', standin: true, timeoutMs: 2_000 });
    const code = async (p: Promise<unknown>) => p.then(() => 'accepted', (e: unknown) => (e instanceof DomainError ? e.code : String(e)));
    expect(await code(wrong.order({ merchantOrderId: 'TT000000AAAAAAAA', amount: 1000, desc: 'X' }))).toBe('PAYMENT_PLATFORM_UNAVAILABLE');
    const down = httpPaymentPlatform({ url: 'http://127.0.0.1:9', merchant: MERCHANT, secret: SECRET, standin: true, timeoutMs: 500 });
    expect(await code(down.status('TT000000AAAAAAAA'))).toBe('PAYMENT_PLATFORM_UNAVAILABLE');
  });
});
