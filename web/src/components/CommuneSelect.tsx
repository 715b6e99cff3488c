import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { communes2025, unitDetail } from '../ioc/units.js';
import { messages } from '../messages.js';
import { foldVietnamese } from '../text.js';
import type { Session, Unit } from '../api/shapes.js';

interface Props {
  /** The id a visible <label htmlFor> names the select by. */
  id?: string;
  area: Session['area'];
  value?: string;
  onChange?: (value: string | undefined) => void;
}

/**
 * Communes the officer may search: those of their province, or just their own commune
 * (shown, fixed) for a commune officer.
 */
export function CommuneSelect({ id, area, value, onChange }: Props) {
  const [units, setUnits] = useState<Unit[]>([]);
  const [loading, setLoading] = useState(true);
  const communeOnly = area.level === 'commune';

  useEffect(() => {
    setLoading(true);
    const load = communeOnly
      ? unitDetail('2025', area.code).then((u) => [u])
      : communes2025(area.code);
    load
      .then((list) => setUnits([...list].sort((a, b) => a.name.localeCompare(b.name, 'vi'))))
      .catch(() => setUnits([]))
      .finally(() => setLoading(false));
  }, [area.code, communeOnly]);

  return (
    <Select
      id={id}
      data-testid="search-commune"
      showSearch={{ filterOption: (input, option) => foldVietnamese(String(option?.label ?? '')).includes(foldVietnamese(input)) }}
      allowClear={!communeOnly}
      disabled={communeOnly}
      loading={loading}
      placeholder={messages.allCommunes}
      value={communeOnly ? area.code : value}
      onChange={(v: string | undefined) => onChange?.(v)}
      options={units.map((u) => ({ value: u.code, label: u.fullName }))}
    />
  );
}
