import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, Modal, Select, Tag, Typography } from 'antd';
import { api, ApiError, ok, type RequestBody } from '../api.js';
import { formatInstantDate } from '../format.js';
import { messages, t } from '../messages.js';
import type { CitizenAccount } from '../api/shapes.js';
import { FilePicker } from './FilePicker.js';

const documentLabel: Record<string, string> = { cccd: messages.eidDocCccd, can_cuoc: messages.eidDocCanCuoc };

interface UpgradeValues {
  checkedDocument: 'cccd' | 'can_cuoc';
  note?: string;
}

/** What an NFC reader app exports for a chip card: base64 files; anything else in the JSON is ignored. */
type ChipRead = NonNullable<RequestBody<'/api/v1/citizen-accounts/{personalId}/level'>['chip']>;
const CHIP_FILES = ['sod', 'dg1', 'dg2', 'dg13', 'dg15', 'aaSignature', 'aaChallenge'] as const satisfies readonly (keyof ChipRead)[];

/** Reads the chip file strictly: an object with base64 `sod`, `dg1` and `dg13`; undefined otherwise. */
async function readChipFile(file: File): Promise<ChipRead | undefined> {
  if (file.size > 1_000_000) return undefined;
  try {
    const value = JSON.parse(await file.text()) as Record<string, unknown>;
    const chip: Partial<ChipRead> = {};
    for (const k of CHIP_FILES) {
      const v = value[k];
      if (typeof v === 'string' && /^[A-Za-z0-9+/]+=*$/.test(v)) chip[k] = v;
    }
    return chip.sod && chip.dg1 && chip.dg13 ? { ...chip, sod: chip.sod, dg1: chip.dg1 } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * "Định danh điện tử" on the person page: the citizen's e-ID account and, for officers allowed to,
 * the level-2 upgrade after checking the chip card in person. Hidden for roles the API refuses (403).
 */
export function CitizenAccountPanel({ personalId, deceased, onUpgraded }: { personalId: string; deceased: boolean; onUpgraded?: () => void }) {
  const { message } = App.useApp();
  const [account, setAccount] = useState<CitizenAccount | null | undefined>(undefined);
  const [hidden, setHidden] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [tick, setTick] = useState(0);
  const [form] = Form.useForm<UpgradeValues>();
  const [chip, setChip] = useState<ChipRead | null>(null);
  const [chipError, setChipError] = useState<string | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    ok(api.GET('/api/v1/citizen-accounts/{personalId}', { params: { path: { personalId } }, signal: ctrl.signal }))
      .then(setAccount)
      .catch((err: unknown) => {
        if (ctrl.signal.aborted || !(err instanceof ApiError) || err.status === 401) return;
        if (err.status === 403) setHidden(true);
        else if (err.code === 'CITIZEN_ACCOUNT_NOT_FOUND') setAccount(null);
        else if (err.status === 404) setHidden(true); // outside the officer's area, or the route is missing
        else setError(err.detail);
      });
    return () => ctrl.abort();
  }, [personalId, tick]);

  async function pickChipFile(file: File | undefined) {
    setChip(null);
    setChipError(null);
    if (!file) return;
    const read = await readChipFile(file);
    if (read) setChip(read);
    else setChipError(messages.eidChipInvalid);
  }

  async function upgrade(v: UpgradeValues) {
    if (!chip) {
      setChipError(messages.eidChipMissing);
      return;
    }
    setBusy(true);
    try {
      await ok(
        api.POST('/api/v1/citizen-accounts/{personalId}/level', {
          params: { path: { personalId } },
          body: { level: 2, checkedDocument: v.checkedDocument, chip, ...(v.note?.trim() ? { note: v.note.trim() } : {}) },
        }),
      );
      void message.success(messages.eidUpgraded);
      setOpen(false);
      setTick((n) => n + 1);
      onUpgraded?.();
    } catch (err) {
      void message.error(err instanceof ApiError ? err.detail : messages.genericError);
    } finally {
      setBusy(false);
    }
  }

  if (hidden) return null;

  const canUpgrade = account && account.level === 1 && account.status === 'active' && !deceased;
  return (
    <Card
      title={messages.eidPanelTitle}
      className="section-card"
      data-testid="section-eid"
      loading={account === undefined && !error}
      extra={
        canUpgrade && (
          <Button type="primary" onClick={() => setOpen(true)} data-testid="eid-upgrade">
            {messages.eidUpgrade}
          </Button>
        )
      }
    >
      {error && <Alert type="error" showIcon title={error} />}
      {account === null && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.eidNoAccount} data-testid="eid-none" />}
      {account && (
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 4 }}
          items={[
            {
              key: 'level',
              label: messages.eidLevel,
              children: (
                <Tag color={account.level === 2 ? 'green' : 'gold'} data-testid="eid-level" data-level={account.level}>
                  {t('eidLevelValue', { level: account.level })}
                </Tag>
              ),
            },
            {
              key: 'status',
              label: messages.eidStatus,
              children:
                account.status === 'active' ? messages.eidActive : account.status === 'locked' ? `${messages.eidLocked}${account.lockedReason ? ` — ${account.lockedReason}` : ''}` : account.status,
            },
            { key: 'created', label: messages.eidCreated, children: formatInstantDate(account.createdAt) },
            {
              key: 'level2',
              label: messages.eidLevel2At,
              children: account.level2At ? `${formatInstantDate(account.level2At)}${account.level2Document ? ` (${documentLabel[account.level2Document] ?? account.level2Document})` : ''}` : messages.none,
            },
          ]}
        />
      )}
      <Modal
        open={open}
        title={messages.eidUpgradeTitle}
        okText={messages.confirm}
        cancelText={messages.cancel}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => {
          setOpen(false);
          setChip(null);
          setChipError(null);
        }}
        okButtonProps={{ 'data-testid': 'eid-upgrade-ok' }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{messages.eidUpgradeHint}</Typography.Paragraph>
        <Form<UpgradeValues> form={form} layout="vertical" requiredMark={false} onFinish={upgrade} initialValues={{ checkedDocument: 'cccd' }}>
          <Form.Item name="checkedDocument" label={messages.eidDocument} rules={[{ required: true, message: messages.fieldRequired }]}>
            <Select
              data-testid="eid-document"
              options={[
                { value: 'cccd', label: messages.eidDocCccd },
                { value: 'can_cuoc', label: messages.eidDocCanCuoc },
              ]}
            />
          </Form.Item>
          <Form.Item label={messages.eidChipFile} validateStatus={chipError ? 'error' : chip ? 'success' : undefined} help={chipError ?? (chip ? t('eidChipRead', { files: Object.keys(chip).join(', ') }) : messages.eidChipHelp)}>
            <FilePicker accept=".json,application/json" testId="eid-chip-file" buttonLabel={messages.eidChipChoose} onPick={(file) => void pickChipFile(file)} />
          </Form.Item>
          <Form.Item name="note" label={messages.eidNote}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
