import { DatePicker, Segmented, Select } from 'antd';
import type { ReactNode } from 'react';
import dayjs from 'dayjs';
import { DATE_FORMAT, WIRE_DATE } from '../format.js';
import { messages, t } from '../messages.js';
import { useSession } from '../session.js';
import { foldVietnamese } from '../text.js';
import { useIocFilter, type Scheme } from './filter.js';
import { communes2025, oldCommunes, oldProvinces, unitDetail, useAsync } from './units.js';

const search = { filterOption: (input: string, option?: { label?: unknown }) => foldVietnamese(String(option?.label ?? '')).includes(foldVietnamese(input)) };
const byName = <T extends { name: string }>(list: T[]) => [...list].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** A control with its visible label above it (the label names the control for screen readers too). */
function Field({ label, htmlFor, children }: { label: string; htmlFor: string; children: ReactNode }) {
  return (
    <div className="ioc-field">
      <label className="ioc-field-label" htmlFor={htmlFor}>
        {label}
      </label>
      {children}
    </div>
  );
}

/** Old units (before the 2025 merger): an old province or district, then optionally one of the district's communes. */
function OldUnitPicker({ province, unit, onChange }: { province: string; unit: string; onChange: (unit: string) => void }) {
  const olds = useAsync(`old:${province}`, () => oldProvinces(province));
  const commune = unit.length === 5 ? unit : '';
  const parent = useAsync(commune ? `unit:${commune}` : null, () => unitDetail('pre2025', commune));
  const district = unit.length === 3 ? unit : (parent?.parentCode ?? '');
  const communes = useAsync(district ? `communes:${district}` : null, () => oldCommunes(district));
  const top = unit.length === 2 ? unit : district || undefined;

  return (
    <>
      <Field label={messages.iocOldUnitLabel} htmlFor="ioc-old-unit">
        <Select
          id="ioc-old-unit"
          className="ioc-unit"
          data-testid="ioc-old-unit"
          showSearch={search}
          allowClear
          loading={!olds}
          placeholder={messages.iocWholeArea}
          value={top}
          onChange={(v: string | undefined) => onChange(v ?? '')}
          options={(olds ?? []).map((p) => ({
            label: t('iocOldProvince', { name: p.name }),
            title: p.name,
            options: [
              { value: p.code, label: t('iocOldProvinceWhole', { name: lowerFirst(p.name) }) },
              ...byName(p.districts).map((d) => ({ value: d.code, label: d.fullName })),
            ],
          }))}
        />
      </Field>
      <Field label={messages.iocOldCommuneLabel} htmlFor="ioc-old-commune">
        <Select
          id="ioc-old-commune"
          className="ioc-unit"
          data-testid="ioc-old-commune"
          showSearch={search}
          allowClear
          disabled={!district}
          loading={!!district && !communes}
          placeholder={district ? messages.iocOldCommuneAll : messages.iocOldCommune}
          value={commune || undefined}
          onChange={(v: string | undefined) => onChange(v ?? district)}
          options={byName(communes ?? []).map((c) => ({ value: c.code, label: c.fullName }))}
        />
      </Field>
    </>
  );
}

/**
 * The filter every dashboard shares: the scheme of units, a unit of the officer's area (communes of 2025, or
 * the old provinces, districts and communes merged into it) and, for dashboards over a period, the dates.
 */
export function FilterBar({ period = false }: { period?: boolean }) {
  const { session } = useSession();
  const [filter, setFilter] = useIocFilter();
  const area = session?.area;
  const province = area?.level === 'province' ? area.code : null;
  const communes = useAsync(area ? `2025:${area.code}` : null, () => (province ? communes2025(province) : unitDetail('2025', area!.code).then((u) => [u])));

  return (
    <div className="ioc-filter" data-testid="ioc-filter">
      <div className="ioc-field" role="group" aria-labelledby="ioc-scheme-label">
        <span className="ioc-field-label" id="ioc-scheme-label">
          {messages.iocSchemeLabel}
        </span>
        <Segmented<Scheme>
          value={filter.scheme}
          onChange={(scheme) => setFilter({ scheme, unit: '' })}
          options={[
            { value: '2025', label: <span data-testid="ioc-scheme-2025">{messages.iocScheme2025}</span> },
            { value: 'pre2025', label: <span data-testid="ioc-scheme-pre2025">{messages.iocSchemePre2025}</span> },
          ]}
          data-testid="ioc-scheme"
        />
      </div>
      {filter.scheme === '2025' || !province ? (
        <Field label={messages.iocUnitLabel} htmlFor="ioc-unit">
          <Select
            id="ioc-unit"
            className="ioc-unit"
            data-testid="ioc-unit"
            showSearch={search}
            allowClear={!!province}
            disabled={!province}
            loading={!communes}
            placeholder={messages.iocWholeArea}
            value={province ? filter.unit || undefined : area?.code}
            onChange={(v: string | undefined) => setFilter({ scheme: '2025', unit: v ?? '' })}
            options={byName(communes ?? []).map((c) => ({ value: c.code, label: c.fullName }))}
          />
        </Field>
      ) : (
        <OldUnitPicker province={province} unit={filter.unit} onChange={(unit) => setFilter({ unit })} />
      )}
      {period && (
        <Field label={messages.iocRangeLabel} htmlFor="ioc-range-from">
          <label className="sr-only" htmlFor="ioc-range-to">
            {messages.iocRangeTo}
          </label>
          <DatePicker.RangePicker
            id={{ start: 'ioc-range-from', end: 'ioc-range-to' }}
            placeholder={[messages.iocRangeFrom, messages.iocRangeTo]}
            format={DATE_FORMAT}
            allowClear
            value={filter.from && filter.to ? [dayjs(filter.from), dayjs(filter.to)] : null}
            onChange={(v) => setFilter(v?.[0] && v[1] ? { from: v[0].format(WIRE_DATE), to: v[1].format(WIRE_DATE) } : { from: undefined, to: undefined })}
            data-testid="ioc-range"
          />
        </Field>
      )}
    </div>
  );
}
