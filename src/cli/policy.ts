import { ConfigError, type Config } from '../platform/config.js';
import { maskCodes, type OutboxMessage } from '../modules/identity/index.js';

/** `serve --demo` creates officers with printed passwords and synthetic people: never on a real registry. */
export function refuseDemoInProduction(config: Config, demo: boolean | undefined): void {
  if (demo && config.DA06_ENV === 'production') {
    throw new ConfigError(
      'Không tạo tỉnh mẫu ở chế độ production: bỏ --demo, hoặc chạy thử với DA06_ENV=development (npm start) / ' +
        '--demo is refused in production: drop it, or try the demo with DA06_ENV=development (npm start).',
    );
  }
}

/** What `da06 outbox` prints: in production the digits of codes are masked (policy.test.ts). */
export function outboxListing(messages: OutboxMessage[], config: Config): string {
  const production = config.DA06_ENV === 'production';
  const lines = messages.map((m) => `#${m.id}  ${m.createdAt}  ${m.channel} → ${m.recipientMasked}\n    ${production ? maskCodes(m.body) : m.body}`);
  if (!messages.length) lines.push('Hộp thư đi trống.');
  if (production) lines.unshift('(production: mã xác thực được che, tin nhắn đi qua cổng SMS / codes are masked in production)');
  return lines.join('\n');
}
