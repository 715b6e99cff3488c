import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { communes2025, unitDetail } from '../ioc/units.js';
import { messages } from '../messages.js';
import { foldVietnamese } from '../text.js';
import type { Session, Unit } from '../api/shapes.js';

interface Props {
  area: Session['area'];
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** Set by Form.Item, or given with a visible <label htmlFor>, so that the label names this select. */
  id?: string;
  /** The accessible name when no visible label points at the select. */
  'aria-label'?: string;
  'data-testid'?: string;
  /** A search filter may be cleared ("all communes"); a form field may not. */
  mode?: 'filter' | 'field';
}

/**
 * Communes the officer may choose: those of their province, or just their own commune (shown,
 * fixed) for a commune officer. Labelled either by its Form.Item (`id`) or by `aria-label`.
 */
export function CommuneSelect({ area, value, onChange, id, 'aria-label': ariaLabel, 'data-testid': testId = 'search-commune', mode = 'filter' }: Props) {
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
      aria-label={ariaLabel ?? messages.communeOfArea}
      data-testid={testId}
      showSearch={{ filterOption: (input, option) => foldVietnamese(String(option?.label ?? '')).includes(foldVietnamese(input)) }}
      allowClear={!communeOnly && mode === 'filter'}
      disabled={communeOnly}
      loading={loading}
      placeholder={mode === 'filter' ? messages.allCommunes : messages.chooseCommune}
      value={communeOnly ? area.code : value}
      onChange={(v: string | undefined) => onChange?.(v)}
      options={units.map((u) => ({ value: u.code, label: u.fullName }))}
    />
  );
}
