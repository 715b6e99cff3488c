import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, Result, Select, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { api, ApiError, ok, type Answer } from '../../api.js';
import { PageHeading } from '../../components/PageHeading.js';
import { formatDate, formatDateTime, formatNumber } from '../../format.js';
import { namePath } from '../../lodging/fieldErrors.js';
import { messages, t } from '../../messages.js';
import { useApi } from '../../useApi.js';
import { fromInputs, LockIcon, SchemaField, toInputs } from '../../services/FormFields.js';
import { fileToBase64 } from '../../services/parts.js';
import type { FormField } from '../../services/types.js';
import '../../services/services.css';

type Applicant = Answer<'/api/v1/services/officer/counter/applicants/{personalId}'>;
/** What the desk keeps of the received dossier (the POST's answer). */
type Received = { id: number; code: string | null; dueAt: string | null };

const MEDIA: Record<string, string[]> = { pdf: ['application/pdf'], jpeg: ['image/jpeg'], png: ['image/png'] };
const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);
const sizeText = (bytes: number) => `${formatNumber(Math.round((bytes / 1_000_000) * 10) / 10)} MB`;

/**
 * Counter intake (channel 1, trực tiếp): the citizen stands at the desk. The officer picks the procedure and
 * types the personal ID; the form comes prefilled and locked from the registry; the scans are chosen here and
 * sent with "Tiếp nhận", which answers with the dossier already received and its receipt (Mẫu 01) to print.
 */
export default function CounterIntakePage() {
  const procedures = useApi('/api/v1/services/procedures', {});
  const [slug, setSlug] = useState<string>();
  const [personalId, setPersonalId] = useState('');
  const [applicant, setApplicant] = useState<Applicant | null>(null);
  const [files, setFiles] = useState<Record<string, UploadFile[]>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<'find' | 'receive' | null>(null);
  const [received, setReceived] = useState<Received | null>(null);
  // The second person confirming in person (a marriage's other party, a father acknowledging his child).
  const [partyId, setPartyId] = useState('');
  const [partyChecked, setPartyChecked] = useState(false);
  const [form] = Form.useForm();
  // One key per dossier at the desk: a double click or a retry after a lost answer receives once (the server replays).
  const key = useRef(newKey());
  const inFlight = useRef(false);
  const proc = useApi(applicant ? '/api/v1/services/procedures/{slug}' : null, { params: { path: { slug: applicant?.procedure.slug ?? '' } } });
  const schema = proc.data?.form as unknown as FormField | undefined;
  const locked = useMemo(() => new Set(applicant?.prefilledFields ?? []), [applicant]);
  // A marriage's other party is not typed at the desk: present, they confirm, and the registry fills their part.
  const hidden = useMemo(() => new Set(applicant?.confirmingParty?.role === 'spouse' ? ['spouse', 'spouseConfirmed'] : []), [applicant]);

  const errorText = (err: unknown) => (err instanceof ApiError ? [err.detail, ...err.errors.filter((e) => !e.field.startsWith('form.')).map((e) => e.message)].join(' — ') : messages.genericError);

  async function find() {
    if (!slug || !/^\d{12}$/.test(personalId)) return setProblem(!slug ? messages.counterProcedureRequired : messages.counterPersonalIdInvalid);
    setBusy('find');
    setProblem(null);
    try {
      const a = await ok(api.GET('/api/v1/services/officer/counter/applicants/{personalId}', { params: { path: { personalId }, query: { procedure: slug } } }));
      setApplicant(a);
      setFiles({});
      setPartyId('');
      setPartyChecked(false);
      key.current = newKey();
      form.resetFields();
    } catch (err) {
      setApplicant(null);
      setProblem(errorText(err));
    } finally {
      setBusy(null);
    }
  }

  async function receive() {
    if (!applicant || !schema || inFlight.current) return;
    try {
      await form.validateFields();
    } catch {
      return setProblem(messages.servicesFixErrors);
    }
    const party = applicant.confirmingParty;
    if (party && partyId && (!/^\d{12}$/.test(partyId) || !partyChecked)) return setProblem(!partyChecked ? messages.counterPartyUnchecked : messages.counterPersonalIdInvalid);
    inFlight.current = true;
    setBusy('receive');
    setProblem(null);
    try {
      const documents = await Promise.all(Object.entries(files).flatMap(([kind, list]) =>
        list.map(async (f) => ({ kind, fileName: f.name, content: await fileToBase64(f.originFileObj as Blob) }))));
      const formData = (fromInputs(schema, form.getFieldsValue(true)) as Record<string, unknown> | undefined) ?? {};
      const d = await ok(api.POST('/api/v1/services/officer/counter/dossiers', {
        params: { header: { 'idempotency-key': key.current } },
        body: {
          procedure: applicant.procedure.slug, personalId: applicant.person.personalId, form: formData, documents,
          ...(party && partyId ? { parties: [{ role: party.role, personalId: partyId, identityChecked: partyChecked }] } : {}),
        },
      }));
      setReceived(d);
    } catch (err) {
      if (err instanceof ApiError) {
        const placed = err.errors.filter((e) => e.field.startsWith('form.'));
        form.setFields(placed.map((e) => ({ name: namePath(e.field.slice('form.'.length)), errors: [e.message] })));
      }
      setProblem(errorText(err));
    } finally {
      inFlight.current = false;
      setBusy(null);
    }
  }

  function next() {
    setReceived(null);
    setApplicant(null);
    setPersonalId('');
    setPartyId('');
    setPartyChecked(false);
    setFiles({});
    setProblem(null);
    key.current = newKey();
  }

  if (received) {
    return (
      <div data-testid="counter-page">
        <Result
          status="success"
          title={<span data-testid="counter-received">{t('counterReceived', { code: received.code ?? '' })}</span>}
          subTitle={received.dueAt ? t('counterAppointment', { due: formatDateTime(received.dueAt) }) : undefined}
          extra={[
            <Button key="pdf" type="primary" size="large" href={`/api/v1/services/officer/dossiers/${received.id}/receipt.pdf`} target="_blank" data-testid="counter-receipt-pdf">
              {messages.receiptPdf}
            </Button>,
            <Link key="open" to={`/officer/dossiers/${received.id}`} data-testid="counter-open">
              <Button size="large">{messages.counterOpen}</Button>
            </Link>,
            <Button key="next" size="large" onClick={next} data-testid="counter-next">
              {messages.counterNext}
            </Button>,
          ]}
        />
      </div>
    );
  }

  return (
    <div data-testid="counter-page" className="svc-counter">
      <PageHeading title={messages.counterTitle} subtitle={messages.counterSubtitle} />
      <Card className="svc-card">
        <Form layout="vertical" onFinish={() => void find()}>
          <Form.Item label={messages.counterProcedure} required>
            <Select
              showSearch
              optionFilterProp="label"
              value={slug}
              onChange={(v: string) => setSlug(v)}
              loading={!procedures.data}
              options={(procedures.data?.items ?? []).map((p) => ({ value: p.slug, label: `${p.name} (${p.code})` }))}
              data-testid="counter-procedure"
            />
          </Form.Item>
          <Form.Item label={messages.counterPersonalId} required>
            <Input inputMode="numeric" maxLength={12} value={personalId} onChange={(e) => setPersonalId(e.target.value.replace(/\D/g, ''))} className="mono" data-testid="counter-personal-id" />
          </Form.Item>
          <Button type="primary" size="large" htmlType="submit" loading={busy === 'find'} block className="svc-touch" data-testid="counter-find">
            {messages.counterFind}
          </Button>
        </Form>
      </Card>
      {problem && <Alert type="error" showIcon title={problem} data-testid="counter-problem" style={{ marginTop: 16 }} />}
      {applicant && (
        <>
          <Card title={messages.counterPerson} className="svc-card" style={{ marginTop: 16 }} data-testid="counter-person">
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={messages.dossierApplicantId}><span className="mono">{applicant.person.personalId}</span></Descriptions.Item>
              <Descriptions.Item label={messages.fullName}>{applicant.person.fullName}</Descriptions.Item>
              <Descriptions.Item label={messages.dossierBirth}>{formatDate(applicant.person.dateOfBirth)}</Descriptions.Item>
              <Descriptions.Item label={messages.dossierResidence}>{applicant.person.address}</Descriptions.Item>
            </Descriptions>
            {!applicant.hasAccount && <Alert type="warning" showIcon title={messages.counterNoAccount} style={{ marginTop: 12 }} data-testid="counter-no-account" />}
          </Card>
          <Card title={applicant.procedure.name} className="svc-card" style={{ marginTop: 16 }} data-testid="counter-form">
            {locked.size > 0 && (
              <p className="muted">
                <LockIcon /> {messages.servicesPrefilledNote}
              </p>
            )}
            {schema && (
              <Form form={form} layout="vertical" requiredMark initialValues={toInputs(schema, applicant.form) as Record<string, unknown>}>
                {Object.entries(schema.properties ?? {}).filter(([k]) => !hidden.has(k)).map(([k, f]) => (
                  <SchemaField key={k} field={f} path={[k]} locked={locked} required={(schema.required ?? []).includes(k)} readOnly={false} />
                ))}
              </Form>
            )}
          </Card>
          {applicant.confirmingParty && (
            <Card title={messages.counterPartyTitle} className="svc-card" style={{ marginTop: 16 }} data-testid="counter-party">
              <p className="muted">{t('counterPartyHelp', { label: applicant.confirmingParty.label.toLowerCase() })}</p>
              <Form layout="vertical">
                <Form.Item label={t('counterPartyId', { label: applicant.confirmingParty.label.toLowerCase() })}>
                  <Input inputMode="numeric" maxLength={12} value={partyId} onChange={(e) => setPartyId(e.target.value.replace(/\D/g, ''))} className="mono" data-testid="counter-party-id" />
                </Form.Item>
                <Checkbox checked={partyChecked} onChange={(e) => setPartyChecked(e.target.checked)} data-testid="counter-party-checked">
                  {messages.counterPartyChecked}
                </Checkbox>
              </Form>
            </Card>
          )}
          <Card title={messages.counterScans} className="svc-card" style={{ marginTop: 16 }} data-testid="counter-scans">
            {applicant.documents.length === 0 && <span className="muted">{messages.counterNoScans}</span>}
            {applicant.documents.map((doc) => {
              const types = doc.kinds.flatMap((k) => MEDIA[k] ?? []);
              return (
                <div key={doc.id} className="svc-counter-doc">
                  <div>
                    {doc.name}
                    {doc.required && <span className="svc-required"> *</span>}
                  </div>
                  <Upload
                    accept={types.join(',')}
                    multiple
                    fileList={files[doc.id] ?? []}
                    beforeUpload={(file) => {
                      if (!types.includes(file.type)) setProblem(t('counterFileWrongType', { name: file.name }));
                      else if (file.size > doc.maxBytes) setProblem(t('counterFileTooBig', { name: file.name, size: sizeText(doc.maxBytes) }));
                      else return false;
                      return Upload.LIST_IGNORE;
                    }}
                    onChange={({ fileList }) => setFiles((s) => ({ ...s, [doc.id]: fileList }))}
                  >
                    <Button className="svc-touch" data-testid={`counter-scan-${doc.id}`}>{messages.counterChoose}</Button>
                  </Upload>
                </div>
              );
            })}
            {applicant.notRequired.length > 0 && (
              <div className="muted" style={{ marginTop: 12 }}>
                {messages.counterDocumentsHeading}: {applicant.notRequired.join('; ')}
              </div>
            )}
          </Card>
          <Button
            type="primary" size="large" block className="svc-touch" style={{ marginTop: 16 }}
            disabled={!applicant.hasAccount} loading={busy === 'receive'} onClick={() => void receive()} data-testid="counter-receive"
          >
            {messages.counterReceive}
          </Button>
        </>
      )}
    </div>
  );
}
