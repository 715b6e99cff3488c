import { useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Form, Skeleton, Typography } from 'antd';
import { ApiError, ok } from '../../api.js';
import { CitizenLoading, CitizenShell } from '../../citizen/CitizenShell.js';
import { citizenApi, citizenOk } from '../../citizen/session.js';
import { useCitizenApi } from '../../citizen/useCitizenApi.js';
import { useRequireCitizen } from '../../citizen/useRequireCitizen.js';
import { namePath } from '../../lodging/fieldErrors.js';
import { useLoader } from '../../useApi.js';
import { messages, t } from '../../messages.js';
import { BackToServices } from '../../services/BackToServices.js';
import { fromInputs, LockIcon, SchemaField } from '../../services/FormFields.js';
import { timeLimitText } from '../../services/parts.js';
import type { FormField, LinkedGroup, ProcedureDetail } from '../../services/types.js';
import '../../services/services.css';

/** The titles along a form path (`members.0.fullName` → ["Thành viên…", "Họ, chữ đệm và tên"]). */
function titlesOf(schema: FormField, path: string): string[] {
  const titles: string[] = [];
  let f: FormField | undefined = schema;
  for (const part of path.split('.')) {
    const numeric = /^\d+$/.test(part);
    f = numeric ? f?.items : f?.properties?.[part];
    if (f?.title && !numeric) titles.push(f.title);
  }
  return titles.length ? titles : [path];
}

/** Fields named for a note, grouped under their parent: "Trẻ em: Họ, chữ đệm và tên, Số định danh cá nhân; Mã hồ sơ khai sinh". */
function fieldList(schema: FormField, paths: string[]): string {
  const groups = new Map<string, string[]>();
  for (const p of paths) {
    const titles = titlesOf(schema, p);
    const parent = titles.slice(0, -1).join(' — ');
    groups.set(parent, [...(groups.get(parent) ?? []), titles[titles.length - 1]]);
  }
  return [...groups].map(([parent, leaves]) => (parent ? `${parent}: ${leaves.join(', ')}` : leaves.join(', '))).join('; ');
}

/**
 * Registry fields always there for the applicant (their own record and household): filled and locked when the group
 * is made, so not asked here. A parent's fields are asked: the registry fills them only when it holds the parent.
 */
const filledByRegistry = (p: ProcedureDetail) => p.prefill.filter((r) => r.locked && (r.from.startsWith('self.') || r.from.startsWith('household.'))).map((r) => r.field);

/** One step of the group's form: the step's fields, less those the steps before it fill. */
function StepFields({ index, step, procedure }: { index: number; step: LinkedGroup['steps'][number]; procedure: ProcedureDetail }) {
  const schema = procedure.form as unknown as FormField;
  const registry = useMemo(() => filledByRegistry(procedure), [procedure]);
  const hidden = useMemo(() => new Set([...step.carried, ...registry].map((c) => `${step.slug}.${c}`)), [step, registry]);
  return (
    <Card
      className="citizen-card svc-step-card"
      data-testid="group-step-form"
      data-slug={step.slug}
      title={t('servicesGroupStep', { n: index + 1 }) + ': ' + step.name}
    >
      <div className="muted svc-group-agency">{step.agencyLabel}</div>
      {registry.length > 0 && (
        <Typography.Paragraph type="secondary" data-testid="group-step-prefilled">
          <LockIcon /> {t('servicesGroupPrefilled', { fields: fieldList(schema, registry) })}
        </Typography.Paragraph>
      )}
      {step.carried.length > 0 && (
        <Typography.Paragraph type="secondary" data-testid="group-step-carried">
          {t('servicesGroupCarried', { fields: fieldList(schema, step.carried) })}
        </Typography.Paragraph>
      )}
      {Object.entries(schema.properties ?? {}).map(([k, f]) => (
        <SchemaField key={k} field={f} path={[step.slug, k]} locked={NONE} required={false} readOnly={false} hidden={hidden} />
      ))}
    </Card>
  );
}

const NONE = new Set<string>();

/**
 * A linked group (NĐ 63/2024/NĐ-CP) started with ONE form: every step's fields on one page, less what the
 * registry fills for the applicant and what the earlier steps carry; made as one group, submitted once (GroupPage).
 */
export default function GroupStartPage() {
  const { slug = '' } = useParams();
  const session = useRequireCitizen(`/citizen/services/groups/start/${encodeURIComponent(slug)}`);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const groups = useCitizenApi(session ? '/api/v1/services/linked-groups' : null);
  const group = groups.data?.items.find((g) => g.slug === slug || g.code === slug);
  const stepSlugs = group?.steps.map((s) => s.slug) ?? [];
  const procedures = useLoader(
    stepSlugs.length ? stepSlugs.join(',') : null,
    (signal) => Promise.all(stepSlugs.map((s) => ok(citizenApi.GET('/api/v1/services/procedures/{slug}', { params: { path: { slug: s } }, signal }), { allow401: true }))),
  );
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const inFlight = useRef(false);

  async function create() {
    if (!group || !procedures.data || inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setProblem(null);
    const values = form.getFieldsValue(true) as Record<string, unknown>;
    const forms: Record<string, Record<string, unknown>> = {};
    for (const p of procedures.data) forms[p.slug] = (fromInputs(p.form as unknown as FormField, values[p.slug]) as Record<string, unknown> | undefined) ?? {};
    try {
      const g = await citizenOk(citizenApi.POST('/api/v1/services/groups', { body: { group: group.slug, forms } }));
      void message.success(messages.servicesGroupCreated);
      void navigate(`/citizen/services/groups/${g.id}`);
    } catch (err) {
      if (!(err instanceof ApiError)) {
        setProblem(messages.genericError);
      } else {
        // `forms.<step slug>.<path>`: under the field of that step; anything else above the button.
        const placed = err.errors.filter((e) => e.field.startsWith('forms.'));
        form.setFields(placed.map((e) => ({ name: namePath(e.field.slice('forms.'.length)), errors: [e.message] })));
        const rest = err.errors.filter((e) => !e.field.startsWith('forms.'));
        setProblem([err.title, ...rest.map((e) => e.message), ...(placed.length ? [messages.servicesFixErrors] : [])].join(' — '));
      }
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  if (!session) return <CitizenLoading />;
  const error = groups.error ?? procedures.error;
  return (
    <CitizenShell extra={<BackToServices />}>
      <div className="citizen-stack" data-testid="group-start-page">
        {error ? (
          <Alert type="error" showIcon title={error.detail} />
        ) : groups.data && !group ? (
          <Alert type="error" showIcon title={messages.servicesGroupsEmpty} />
        ) : !group || !procedures.data ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : (
          <>
            <Typography.Title level={3} className="citizen-title">
              {messages.servicesGroupMine}
            </Typography.Title>
            <Card className="citizen-card">
              <Typography.Title level={4} className="svc-group-name" data-testid="group-name">
                {group.name}
              </Typography.Title>
              <dl className="svc-facts">
                <dt>{messages.servicesCode}</dt>
                <dd className="svc-code">{group.code}</dd>
                <dt>{messages.servicesGroupTimeLimit}</dt>
                <dd data-testid="group-time-limit">{timeLimitText(group.timeLimit)}</dd>
              </dl>
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                {messages.servicesGroupFormHint}
              </Typography.Paragraph>
            </Card>
            <Form form={form} layout="vertical" data-testid="group-form">
              {group.steps.map((step, i) => (
                <StepFields key={step.slug} index={i} step={step} procedure={procedures.data![i]} />
              ))}
            </Form>
            {session.level !== 2 && <Alert type="info" showIcon title={messages.servicesStartNeedsLevel2} />}
            {problem && <Alert type="error" showIcon title={problem} data-testid="group-problem" />}
            <Button type="primary" size="large" block className="svc-touch" loading={busy} onClick={() => void create()} data-testid="group-create">
              {messages.servicesGroupCreate}
            </Button>
          </>
        )}
      </div>
    </CitizenShell>
  );
}
