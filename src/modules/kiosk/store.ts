import type { Queryable } from '../../platform/db.js';

export interface KioskDeviceRow {
  id: string;
  name: string;
  unit_code: string;
  province_code: string;
  relying_party_id: string;
  active: boolean;
  created_at: Date | string;
  disabled_at: Date | string | null;
  last_seen_at: Date | string | null;
}

/** A device as the administrator's list shows it, with how much it is used. */
export interface KioskDeviceUseRow extends KioskDeviceRow {
  queue_tickets: number | string;
  sign_ins: number | string;
}

export interface KioskSessionRow {
  device_id: string;
  personal_id: string;
  full_name: string | null;
  last_seen_at: Date | string;
}

const DEVICE_COLUMNS = 'id, name, unit_code, province_code, relying_party_id, active, created_at, disabled_at, last_seen_at';

/** The kiosk module's SQL: its own tables only. */
export function createKioskStore(db: Queryable) {
  return {
    async insertDevice(q: Queryable, d: { name: string; unitCode: string; provinceCode: string; relyingPartyId: number; keyHash: string }) {
      const r = await q.query<KioskDeviceRow>(
        `INSERT INTO kiosk_devices (name, unit_code, province_code, relying_party_id, key_hash) VALUES ($1, $2, $3, $4, $5) RETURNING ${DEVICE_COLUMNS}`,
        [d.name, d.unitCode, d.provinceCode, d.relyingPartyId, d.keyHash],
      );
      return r.rows[0]!;
    },

    /** Stops a device of the province; undefined when it is not one of the province's. Its open sessions end with it. */
    async disableDevice(q: Queryable, id: number, provinceCode: string) {
      const r = await q.query<KioskDeviceRow>(
        `UPDATE kiosk_devices SET active = false, disabled_at = COALESCE(disabled_at, now()) WHERE id = $1 AND province_code = $2 RETURNING ${DEVICE_COLUMNS}`,
        [id, provinceCode],
      );
      if (r.rows[0]) await q.query('UPDATE kiosk_sessions SET ended_at = now() WHERE device_id = $1 AND ended_at IS NULL', [id]);
      return r.rows[0];
    },

    /** The province's kiosks with their queue numbers given and citizens signed in, all time. */
    async listDevices(provinceCode: string) {
      return (await db.query<KioskDeviceUseRow>(
        `SELECT ${DEVICE_COLUMNS.split(', ').map((c) => `d.${c}`).join(', ')},
                (SELECT count(*) FROM kiosk_queue_tickets t WHERE t.device_id = d.id) AS queue_tickets,
                (SELECT count(*) FROM kiosk_sessions s WHERE s.device_id = d.id) AS sign_ins
           FROM kiosk_devices d WHERE d.province_code = $1 ORDER BY d.id`,
        [provinceCode],
      )).rows;
    },

    /** The active device of a key; its last call is recorded at most once a minute (no write on every request). */
    async activeDeviceByKeyHash(hash: string) {
      const row = (await db.query<KioskDeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM kiosk_devices WHERE key_hash = $1 AND active`, [hash])).rows[0];
      if (row && (!row.last_seen_at || Date.now() - new Date(row.last_seen_at).getTime() > 60_000)) {
        await db.query('UPDATE kiosk_devices SET last_seen_at = now() WHERE id = $1', [row.id]);
      }
      return row;
    },

    /** The centre's next number of the day: the upsert holds the day's row until the transaction ends, so no two takers share a number and a rolled-back take leaves no gap. */
    async takeNumber(q: Queryable, unitCode: string, day: string, deviceId: number) {
      const r = await q.query<{ last_number: number }>(
        `INSERT INTO kiosk_queue_days (unit_code, day, last_number) VALUES ($1, $2, 1)
         ON CONFLICT (unit_code, day) DO UPDATE SET last_number = kiosk_queue_days.last_number + 1 RETURNING last_number`,
        [unitCode, day],
      );
      const number = Number(r.rows[0]!.last_number);
      const t = await q.query<{ taken_at: Date | string }>(
        'INSERT INTO kiosk_queue_tickets (unit_code, day, number, device_id) VALUES ($1, $2, $3, $4) RETURNING taken_at', [unitCode, day, number, deviceId],
      );
      return { number, takenAt: new Date(t.rows[0]!.taken_at).toISOString() };
    },

    async insertSession(s: { tokenHash: string; deviceId: number; personalId: string; fullName: string | null }) {
      await db.query('INSERT INTO kiosk_sessions (token_hash, device_id, personal_id, full_name) VALUES ($1, $2, $3, $4)', [s.tokenHash, s.deviceId, s.personalId, s.fullName]);
    },

    /** A session of the device still open and used within `idleSeconds`; its use is recorded (the idle clock starts again). */
    async touchSession(tokenHash: string, deviceId: number, idleSeconds: number) {
      const r = await db.query<KioskSessionRow>(
        `UPDATE kiosk_sessions SET last_seen_at = now()
          WHERE token_hash = $1 AND device_id = $2 AND ended_at IS NULL AND last_seen_at > now() - make_interval(secs => $3)
          RETURNING device_id, personal_id, full_name, last_seen_at`,
        [tokenHash, deviceId, idleSeconds],
      );
      return r.rows[0];
    },

    /** Ends the session (and any the device left idle); true when the session was open. */
    async endSession(q: Queryable, tokenHash: string, deviceId: number) {
      const r = await q.query('UPDATE kiosk_sessions SET ended_at = now() WHERE token_hash = $1 AND device_id = $2 AND ended_at IS NULL', [tokenHash, deviceId]);
      return (r.rowCount ?? 0) > 0;
    },

    /** A new sign-in at a device ends whatever session it still had open: one citizen at a kiosk at a time. */
    async endSessionsOf(deviceId: number) {
      await db.query('UPDATE kiosk_sessions SET ended_at = now() WHERE device_id = $1 AND ended_at IS NULL', [deviceId]);
    },
  };
}
