import { describe, expect, it } from 'vitest';
import { maskSensitive } from './http.js';

describe('log masking', () => {
  it('masks personal IDs, CMND numbers and phone numbers in logged URLs', () => {
    expect(maskSensitive('/api/v1/people/087084000999?purpose=x')).toBe('/api/v1/people/087******999?purpose=x');
    expect(maskSensitive('/api/v1/people?q=123456789')).toBe('/api/v1/people?q=12*****89');
    expect(maskSensitive('phone=0912345678')).toBe('phone=091****678');
    expect(maskSensitive('/api/v1/units/2025/28249')).toBe('/api/v1/units/2025/28249');
  });
});
