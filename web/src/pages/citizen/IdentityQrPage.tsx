import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Progress, Radio, Spin, Tag, Typography } from 'antd';
import { BackToPortal, CitizenLoading, CitizenShell, LevelBadge } from '../../citizen/CitizenShell.js';
import { QrImage } from '../../citizen/QrImage.js';
import { useCitizenSession } from '../../citizen/session.js';
import { useIdentityQr, type LiveQr } from '../../citizen/useIdentityQr.js';
import { useRequireCitizen } from '../../citizen/useRequireCitizen.js';
import { fieldLabel, IDENTITY_FIELDS, PURPOSE_FIELDS } from '../../identity.js';
import { messages, t } from '../../messages.js';
import type { IdentityField } from '../../api/shapes.js';

type PresetKey = 'hospital' | 'lodging' | 'age' | 'custom';

/** The presets are the purposes' own lists (PURPOSE_FIELDS): a preset never hides what the counter's purpose allows. */
const PRESETS: { key: Exclude<PresetKey, 'custom'>; label: string; fields: IdentityField[] }[] = [
  { key: 'hospital', label: messages.qrPresetHospital, fields: [...PURPOSE_FIELDS.hospital] },
  { key: 'lodging', label: messages.qrPresetLodging, fields: [...PURPOSE_FIELDS.lodging] },
  { key: 'age', label: messages.qrPresetAge, fields: [...PURPOSE_FIELDS.age] },
];

/** Re-renders every `ms` while mounted (the countdown). */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

function FieldChoice({ preset, fields, onPreset, onFields }: { preset: PresetKey; fields: IdentityField[]; onPreset: (p: PresetKey) => void; onFields: (f: IdentityField[]) => void }) {
  return (
    <Card className="citizen-card" title={messages.qrChoose} data-testid="qr-choice">
      <Radio.Group value={preset} onChange={(e) => onPreset(e.target.value as PresetKey)} className="qr-presets">
        {PRESETS.map((p) => (
          <Radio key={p.key} value={p.key} data-testid={`qr-preset-${p.key}`}>
            <span className="qr-preset-label">{p.label}</span>
            <span className="qr-preset-fields">{p.fields.map(fieldLabel).join(', ')}</span>
          </Radio>
        ))}
        <Radio value="custom" data-testid="qr-preset-custom">
          <span className="qr-preset-label">{messages.qrPresetCustom}</span>
        </Radio>
      </Radio.Group>
      {preset === 'custom' && (
        <Checkbox.Group
          className="qr-fields"
          value={fields}
          onChange={(v) => onFields(IDENTITY_FIELDS.filter((f) => v.includes(f)))}
          options={IDENTITY_FIELDS.map((f) => ({ value: f, label: <span data-testid={`qr-field-${f}`}>{fieldLabel(f)}</span> }))}
        />
      )}
    </Card>
  );
}

function Countdown({ qr, loading, paused }: { qr: LiveQr; loading: boolean; paused: boolean }) {
  const now = useNow(500);
  const left = Math.max(0, qr.refreshAtMs - now);
  const seconds = Math.ceil(left / 1000);
  if (paused) return <Typography.Text type="secondary">{messages.qrPaused}</Typography.Text>;
  return (
    <div className="qr-countdown" data-testid="qr-countdown" data-seconds={seconds}>
      <Progress percent={(left / qr.lifetimeMs) * 100} showInfo={false} size="small" strokeColor="#a61d24" />
      <Typography.Text type="secondary">{loading || left === 0 ? messages.qrRefreshing : t('qrRefreshIn', { seconds })}</Typography.Text>
    </div>
  );
}

/** The citizen's identity QR: pick what to show, show it to the counter; a new code every minute or so. */
export default function IdentityQrPage() {
  const session = useRequireCitizen('/citizen/qr');
  const { refresh } = useCitizenSession();
  const [preset, setPreset] = useState<PresetKey>('hospital');
  const [fields, setFields] = useState<IdentityField[]>(PRESETS[0].fields);
  // A 401: the session is over; reading it again sends the page to the sign-in (useRequireCitizen).
  const signedOut = useCallback(() => void refresh().catch(() => undefined), [refresh]);
  const { qr, error, loading, paused, retry } = useIdentityQr(session ? fields : [], signedOut);
  const now = useNow(1000);

  if (!session) return <CitizenLoading />;

  function choosePreset(key: PresetKey) {
    setPreset(key);
    const p = PRESETS.find((x) => x.key === key);
    if (p) setFields(p.fields);
  }

  const expired = !!qr && now >= qr.expiresAtMs;
  return (
    <CitizenShell extra={<BackToPortal />}>
      <div className="citizen-stack" data-testid="identity-qr-page">
        <Typography.Title level={3} className="citizen-title">
          {messages.qrTitle}
        </Typography.Title>
        <Card className="citizen-card qr-card" data-testid="qr-card">
          <LevelBadge level={session.level} />
          {fields.length === 0 ? (
            <Alert type="info" showIcon title={messages.qrChooseAtLeastOne} data-testid="qr-empty" />
          ) : error && !qr ? (
            <Alert
              type="error"
              showIcon
              title={messages.qrError}
              description={error.detail}
              action={<Button onClick={retry}>{messages.qrRetry}</Button>}
              data-testid="qr-error"
            />
          ) : qr ? (
            <>
              <QrImage token={qr.token} dimmed={expired} />
              <div className="qr-shown">
                {qr.fields.map((f) => (
                  <Tag key={f} data-testid="qr-shown-field" data-field={f}>
                    {fieldLabel(f)}
                  </Tag>
                ))}
              </div>
              <Countdown qr={qr} loading={loading} paused={paused} />
              {error && <Alert type="warning" showIcon title={messages.qrError} description={error.detail} className="qr-refresh-error" />}
            </>
          ) : (
            <div className="qr-image qr-image-loading">
              <Spin size="large" />
            </div>
          )}
          <Typography.Paragraph className="qr-explain">{messages.qrExplain}</Typography.Paragraph>
          <Typography.Paragraph type="secondary" className="qr-warning">
            {messages.qrDoNotShare}
          </Typography.Paragraph>
        </Card>
        <FieldChoice preset={preset} fields={fields} onPreset={choosePreset} onFields={setFields} />
      </div>
    </CitizenShell>
  );
}
