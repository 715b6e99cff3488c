/**
 * Ví dụ chạy được / runnable example:
 *
 *   DA06_URL=https://dancu.tinh.gov.vn DA06_CLIENT_ID=da06-... DA06_PRIVATE_JWK=./khoa-rieng.jwk.json \
 *   DA06_PURPOSE="Xác minh khách hàng mở tài khoản" npx tsx packages/exchange-client/example.ts 001086001234
 *
 * Without DA06_PRIVATE_JWK it creates a key pair and prints the public JWKS an administrator registers for the agency
 * (POST /api/v1/exchange/agencies { name, legalBasis, jwks }), and the private key to keep.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { exportJWK, generateKeyPair } from 'jose';
import { createExchangeClient, ExchangeError } from './index.js';

const env = process.env;

async function main() {
  if (!env.DA06_PRIVATE_JWK) {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = `agency-${new Date().toISOString().slice(0, 10)}`;
    await writeFile('khoa-rieng.jwk.json', JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: 'ES256' }), { mode: 0o600 });
    console.log('Khóa riêng đã lưu vào khoa-rieng.jwk.json (giữ bí mật). Bộ khóa công khai để đăng ký cơ quan:');
    console.log(JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] }, null, 2));
    return;
  }
  const personalId = process.argv[2];
  if (!env.DA06_URL || !env.DA06_CLIENT_ID || !personalId) throw new Error('cần DA06_URL, DA06_CLIENT_ID và số định danh');
  const client = createExchangeClient({ baseUrl: env.DA06_URL, clientId: env.DA06_CLIENT_ID, privateJwk: JSON.parse(await readFile(env.DA06_PRIVATE_JWK, 'utf8')) });
  const purpose = env.DA06_PURPOSE ?? 'kyc.customer-identification';
  try {
    console.log('Còn sống:', (await client.check({ service: 'person.is_alive', personalId, purpose })).answer);
    console.log('Tra cứu:', await client.lookUp({ personalId, purpose }));
  } catch (err) {
    if (err instanceof ExchangeError) console.error(`Bị từ chối (${err.status} ${err.code}): ${err.title}`);
    else throw err;
  }
  await writeFile('nhat-ky-trao-doi.jsonl', await client.log());
  console.log('Nhật ký đã ký lưu vào nhat-ky-trao-doi.jsonl; kiểm tra: npx da06 exchange verify nhat-ky-trao-doi.jsonl --jwks jwks.json');
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
