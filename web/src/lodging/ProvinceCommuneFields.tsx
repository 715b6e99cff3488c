import { useEffect, useState } from 'react';
import { Form, Select } from 'antd';
import { units as loadUnits } from '../ioc/units.js';
import { messages } from '../messages.js';
import { foldVietnamese } from '../text.js';
import type { Unit } from '../api/shapes.js';

const byName = (a: Unit, b: Unit) => a.name.localeCompare(b.name, 'vi');
const search = { filterOption: (input: string, option?: { label?: unknown }) => foldVietnamese(String(option?.label ?? '')).includes(foldVietnamese(input)) };

/** Communes of the 2025 catalogue of one province, from the public unit API (nothing while none is chosen). */
function useUnits(level: 'province' | 'commune', provinceCode?: string): { units: Unit[]; loading: boolean } {
  const [units, setUnits] = useState<Unit[]>([]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    if (level === 'commune' && !provinceCode) {
      setUnits([]);
      return;
    }
    setLoading(true);
    loadUnits({ scheme: '2025', level, provinceCode })
      .then((list) => setUnits([...list].sort(byName)))
      .catch(() => setUnits([]))
      .finally(() => setLoading(false));
  }, [level, provinceCode]);
  return { units, loading };
}

/** Province, then its commune (2025 catalogue): where a facility applying on its own lies. Sets `communeCode`. */
export function ProvinceCommuneFields() {
  const form = Form.useFormInstance();
  const provinceCode = Form.useWatch('provinceCode') as string | undefined;
  const provinces = useUnits('province');
  const communes = useUnits('commune', provinceCode);

  // One province in the catalogue (a provincial deployment): choose it at once.
  useEffect(() => {
    if (provinces.units.length === 1 && !form.getFieldValue('provinceCode')) form.setFieldValue('provinceCode', provinces.units[0].code);
  }, [provinces.units, form]);

  return (
    <>
      <Form.Item name="provinceCode" label={messages.province} rules={[{ required: true, message: messages.fieldRequired }]}>
        <Select
          showSearch={search}
          loading={provinces.loading}
          options={provinces.units.map((u) => ({ value: u.code, label: u.fullName }))}
          onChange={() => form.setFieldValue('communeCode', undefined)}
          data-testid="register-province"
        />
      </Form.Item>
      <Form.Item name="communeCode" label={messages.commune} rules={[{ required: true, message: messages.fieldRequired }]}>
        <Select
          showSearch={search}
          loading={communes.loading}
          disabled={!provinceCode}
          options={communes.units.map((u) => ({ value: u.code, label: u.fullName }))}
          data-testid="register-commune"
        />
      </Form.Item>
    </>
  );
}
