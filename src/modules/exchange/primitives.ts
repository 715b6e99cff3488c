import { Type } from '@sinclair/typebox';

// The exchange module's smallest schemas, shared by the gateway's (schema.ts) and the sector records' (sector-schema.ts)
// without the service the gateway's field list comes from.
export const Strict = { additionalProperties: false } as const;
export const Instant = Type.String({ format: 'date-time' });
export const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Ngày YYYY-MM-DD' });
export const PersonalId = Type.String({ pattern: '^\\d{12}$', description: 'Số định danh cá nhân (12 chữ số)' });
export const Purpose = Type.String({ minLength: 1, maxLength: 300, description: 'Mã mục đích khai thác (danh mục mục đích của dịch vụ, GET /api/v1/exchange/services); phải nằm trong quyền đã được cấp' });
