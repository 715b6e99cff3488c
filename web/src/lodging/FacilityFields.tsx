import type { ReactNode } from 'react';
import { Checkbox, Form, Input, InputNumber, Select } from 'antd';
import { messages } from '../messages.js';
import { FACILITY_KINDS, type FacilityKind } from './kinds.js';
import type { FacilityInput } from './types.js';

export interface FacilityValues {
  name: string;
  kind: FacilityKind;
  starClass?: number | null;
  communeCode: string;
  address: string;
  capacity?: number | null;
  remoteArea?: boolean;
  ownerName: string;
  phone: string;
}

const KIND_OPTIONS = Object.entries(FACILITY_KINDS).map(([value, label]) => ({ value, label }));
const required = [{ required: true, whitespace: true, message: messages.fieldRequired }];

/** The facility as the API takes it (register by the police, or a facility's own application). */
export function facilityBody(v: FacilityValues): FacilityInput {
  return {
    name: v.name.trim(),
    kind: v.kind,
    ...(v.kind === 'hotel' && v.starClass ? { starClass: v.starClass } : {}),
    communeCode: v.communeCode,
    address: v.address.trim(),
    ...(v.capacity ? { capacity: v.capacity } : {}),
    remoteArea: !!v.remoteArea,
    ownerName: v.ownerName.trim(),
    phone: v.phone.trim(),
  };
}

/** The fields of a lodging facility; `commune` is the picker of its commune (the officer's area, or any province's). */
export function FacilityFields({ commune }: { commune: ReactNode }) {
  const kind = Form.useWatch('kind') as FacilityKind | undefined;
  return (
    <>
      <Form.Item name="name" label={messages.facilityName} rules={required}>
        <Input maxLength={200} data-testid="facility-name" />
      </Form.Item>
      <Form.Item name="kind" label={messages.facilityKind} rules={[{ required: true, message: messages.fieldRequired }]}>
        <Select options={KIND_OPTIONS} data-testid="facility-kind" />
      </Form.Item>
      {kind === 'hotel' && (
        <Form.Item name="starClass" label={messages.facilityStars}>
          <Select allowClear options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: '★'.repeat(n) }))} data-testid="facility-stars" />
        </Form.Item>
      )}
      {commune}
      <Form.Item name="address" label={messages.facilityAddress} rules={required}>
        <Input maxLength={300} data-testid="facility-address" />
      </Form.Item>
      <Form.Item name="capacity" label={messages.facilityCapacity} extra={messages.facilityCapacityHint}>
        <InputNumber min={1} max={100_000} precision={0} className="full-width" data-testid="facility-capacity" />
      </Form.Item>
      <Form.Item name="remoteArea" valuePropName="checked" extra={messages.facilityRemoteHint}>
        <Checkbox data-testid="facility-remote">{messages.facilityRemote}</Checkbox>
      </Form.Item>
      <Form.Item name="ownerName" label={messages.facilityOwner} rules={required}>
        <Input maxLength={200} data-testid="facility-owner" />
      </Form.Item>
      <Form.Item name="phone" label={messages.phone} rules={[{ required: true, message: messages.fieldRequired }, { pattern: /^\s*0\d{9}\s*$/, message: messages.phoneFormat }]}>
        <Input inputMode="tel" maxLength={10} placeholder={messages.phonePlaceholder} data-testid="facility-phone" />
      </Form.Item>
    </>
  );
}
