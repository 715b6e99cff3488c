-- When each kiosk last called da06 with its key (the administrator's list: a kiosk that stopped calling is off or
-- disconnected). Written at most once a minute per kiosk (kiosk store `activeDeviceByKeyHash`). Owned by the kiosk module.
ALTER TABLE kiosk_devices ADD COLUMN last_seen_at timestamptz;
