/** What a production start needs at least: values for tests only, the gateway a name that never resolves. */
export const PRODUCTION_ENV: Record<string, string> = {
  DA06_SESSION_SECRET: 's'.repeat(32),
  DA06_SECRET_KEY: 'k'.repeat(32),
  DA06_PUBLIC_URL: 'https://id.tinh.gov.vn',
  DA06_SMS_GATEWAY_URL: 'https://sms.example.invalid/send',
  DA06_SMS_GATEWAY_TOKEN: 't'.repeat(24),
  // An Ed25519 seed (32 bytes, base64): tests only.
  DA06_AUDIT_CHECKPOINT_KEY: Buffer.alloc(32, 7).toString('base64'),
};
