import type { IsoDate } from './types.js';

/** Whether a dated rule (validFrom ≤ on ≤ validUntil, both inclusive) is in force on `on`. */
export const inForce = (x: { validFrom: IsoDate; validUntil?: IsoDate }, on: IsoDate): boolean =>
  x.validFrom <= on && (x.validUntil === undefined || on <= x.validUntil);
