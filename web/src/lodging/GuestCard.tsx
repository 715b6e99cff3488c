import { useState } from 'react';
import { Alert, AutoComplete, Button, Card, Form, Input, Radio, Segmented } from 'antd';
import { rules } from '../citizen/forms.js';
import { QrScanner } from '../desk/QrScanner.js';
import { messages, nationalityLabels, t } from '../messages.js';
import { foldVietnamese } from '../text.js';
import { GUEST_ROLES, type GuestRole } from './kinds.js';

/** How the guest is identified: a QR (identity QR or the card's), a typed CCCD, an old CMND, a passport. */
export type GuestMode = 'qr' | 'cccd' | 'legacy' | 'foreigner';

export interface GuestValues {
  mode: GuestMode;
  role?: GuestRole;
  qr?: string;
  personalId?: string;
  legacyId?: string;
  fullName?: string;
  dateOfBirth?: string;
  sex?: 'Nam' | 'Nữ';
  passportNumber?: string;
  nationality?: string;
  visaDocument?: string;
}

const MODES: { value: GuestMode; label: string }[] = [
  { value: 'qr', label: messages.guestModeQr },
  { value: 'cccd', label: messages.guestModeCccd },
  { value: 'legacy', label: messages.guestModeLegacy },
  { value: 'foreigner', label: messages.guestModeForeigner },
];

const NATIONALITIES = Object.entries(nationalityLabels).map(([code, name]) => ({ value: code, label: `${name} (${code})` }));
const pattern = (re: RegExp, message: string) => [{ required: true, message: messages.fieldRequired }, { pattern: re, message }];
const required = [{ required: true, message: messages.fieldRequired }];

function SexField({ name, optional }: { name: number; optional?: boolean }) {
  return (
    <Form.Item name={[name, 'sex']} label={optional ? messages.guestSexOptional : messages.sex} rules={optional ? [] : required}>
      <Radio.Group optionType="button" buttonStyle="solid" data-testid="guest-sex">
        <Radio value="Nam">Nam</Radio>
        <Radio value="Nữ">Nữ</Radio>
      </Radio.Group>
    </Form.Item>
  );
}

/** Name and date of birth, as every typed identification needs them. */
function NameAndBirth({ name }: { name: number }) {
  return (
    <>
      <Form.Item name={[name, 'fullName']} label={messages.fullName} rules={rules.required}>
        <Input maxLength={200} autoComplete="off" placeholder={messages.fullNamePlaceholder} data-testid="guest-full-name" />
      </Form.Item>
      <Form.Item name={[name, 'dateOfBirth']} label={messages.dateOfBirth} rules={rules.date}>
        <Input inputMode="numeric" autoComplete="off" placeholder={messages.dateOfBirthPlaceholder} data-testid="guest-dob" />
      </Form.Item>
    </>
  );
}

/** The identity QR shown by the guest's phone, or the QR printed on their card: scanned, pasted or typed by a handheld scanner. */
function QrField({ name }: { name: number }) {
  const form = Form.useFormInstance();
  const [scanning, setScanning] = useState(false);
  return (
    <>
      {scanning ? (
        <QrScanner
          onResult={(text) => {
            setScanning(false);
            form.setFields([{ name: ['guests', name, 'qr'], value: text.trim(), errors: [] }]);
          }}
          onClose={() => setScanning(false)}
        />
      ) : (
        <Button size="large" block className="guest-scan" onClick={() => setScanning(true)} data-testid="guest-scan">
          {messages.deskScan}
        </Button>
      )}
      <Form.Item name={[name, 'qr']} label={messages.guestQrLabel} rules={rules.required} normalize={(v: string) => v.trim()}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} className="mono" autoComplete="off" spellCheck={false} placeholder={messages.deskPastePlaceholder} data-testid="guest-qr" />
      </Form.Item>
    </>
  );
}

/** One guest of a declaration: who (role), how they are identified, and the fields that way needs. */
export function GuestCard({ name, index, roles, errors, onRemove }: { name: number; index: number; roles: GuestRole[]; errors: string[]; onRemove?: () => void }) {
  const mode = (Form.useWatch(['guests', name, 'mode']) as GuestMode | undefined) ?? 'qr';
  return (
    <Card
      className="citizen-card guest-card"
      size="small"
      title={t('guestTitle', { n: index + 1 })}
      extra={
        onRemove && (
          <Button size="small" danger type="text" onClick={onRemove} data-testid="guest-remove">
            {messages.guestRemove}
          </Button>
        )
      }
      data-testid="guest-card"
      data-index={index}
    >
      {errors.length > 0 && <Alert type="error" showIcon title={errors.join(' — ')} className="guest-errors" data-testid="guest-error" />}
      <Form.Item name={[name, 'role']} label={messages.guestRole} hidden={roles.length < 2}>
        <Radio.Group optionType="button" options={roles.map((r) => ({ value: r, label: GUEST_ROLES[r] }))} data-testid="guest-role" />
      </Form.Item>
      <Form.Item name={[name, 'mode']} label={messages.guestIdentifiedBy}>
        <Segmented block size="middle" options={MODES} data-testid="guest-mode" />
      </Form.Item>
      {mode === 'qr' && <QrField name={name} />}
      {mode === 'cccd' && (
        <>
          <Form.Item name={[name, 'personalId']} label={messages.personalId} rules={rules.personalId} normalize={(v: string) => v.replace(/\s/g, '')}>
            <Input inputMode="numeric" maxLength={12} autoComplete="off" placeholder={messages.personalIdPlaceholder} data-testid="guest-personal-id" />
          </Form.Item>
          <NameAndBirth name={name} />
          <SexField name={name} optional />
        </>
      )}
      {mode === 'legacy' && (
        <>
          <Form.Item name={[name, 'legacyId']} label={messages.guestLegacyId} rules={pattern(/^\d{9}$/, messages.guestLegacyIdFormat)} normalize={(v: string) => v.replace(/\s/g, '')}>
            <Input inputMode="numeric" maxLength={9} autoComplete="off" data-testid="guest-legacy-id" />
          </Form.Item>
          <NameAndBirth name={name} />
          <SexField name={name} />
        </>
      )}
      {mode === 'foreigner' && (
        <>
          <Form.Item name={[name, 'passportNumber']} label={messages.guestPassport} rules={pattern(/^[A-Z0-9]{5,20}$/, messages.guestPassportFormat)} normalize={(v: string) => v.replace(/\s/g, '').toUpperCase()}>
            <Input maxLength={20} autoComplete="off" className="mono" data-testid="guest-passport" />
          </Form.Item>
          <Form.Item
            name={[name, 'nationality']}
            label={messages.guestNationality}
            extra={messages.guestNationalityHint}
            rules={pattern(/^[A-Z]{3}$/, messages.guestNationalityFormat)}
            normalize={(v: string) => v.trim().toUpperCase()}
          >
            <AutoComplete
              options={NATIONALITIES}
              showSearch={{ filterOption: (input, option) => foldVietnamese(String(option?.label ?? '')).includes(foldVietnamese(input)) }}
              data-testid="guest-nationality"
            />
          </Form.Item>
          <NameAndBirth name={name} />
          <SexField name={name} />
          <Form.Item name={[name, 'visaDocument']} label={messages.guestVisa}>
            <Input maxLength={100} autoComplete="off" data-testid="guest-visa" />
          </Form.Item>
        </>
      )}
    </Card>
  );
}
