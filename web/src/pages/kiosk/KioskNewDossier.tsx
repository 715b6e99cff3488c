import { useMemo, useRef, useState } from 'react';
import { Button, Form, Spin } from 'antd';
import { ApiError } from '../../api.js';
import { formatDateTime, formatInstantDate, formatMoney } from '../../format.js';
import { messages, t } from '../../messages.js';
import { fromInputs, LockIcon, SchemaField, toInputs } from '../../services/FormFields.js';
import type { FormField } from '../../services/types.js';
import type { KioskProcedure, KioskSubmission, KioskSubmitted } from './kioskApi.js';

type Step = 'choose' | 'form' | 'papers' | 'review' | 'done';
const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);
const feeText = (amount: number) => (amount > 0 ? t('kioskProcedureFee', { amount: formatMoney(amount) }) : messages.kioskProcedureFree);

/**
 * "Nộp hồ sơ mới" at the kiosk (issue 16, model 2): a procedure the citizen can submit without paper → its form,
 * prefilled and locked from the registry as on the portal → the documents of their store for its papers → a
 * review → one submission (start and submit in one go on the server) → the dossier code, with a slip to print.
 * Everything lives in this component's state: the kiosk's idle reset unmounts it, and nothing is left.
 */
export function NewDossier({ procedures, busy, submitted, onSubmit, onBack, onDone }: {
  procedures: KioskProcedure[] | null;
  busy: boolean;
  submitted: KioskSubmitted | null;
  onSubmit: (idempotencyKey: string, body: KioskSubmission) => Promise<ApiError | null>;
  onBack: () => void;
  onDone: () => void;
}) {
  const [step, setStep] = useState<Step>('choose');
  const [chosen, setChosen] = useState<KioskProcedure | null>(null);
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  const [papers, setPapers] = useState<Record<string, string>>({});
  const [form] = Form.useForm();
  // One key per review: a second touch or a retry after a lost answer submits once (the server replays).
  const idempotencyKey = useRef(newKey());
  const schema = chosen?.schema as unknown as FormField | undefined;
  const locked = useMemo(() => new Set(chosen?.prefilledFields ?? []), [chosen]);

  if (submitted) return <Submitted d={submitted} onDone={onDone} />;
  if (procedures === null) return <Spin size="large" />;

  function choose(p: KioskProcedure) {
    setChosen(p);
    setFormData(p.form);
    // One stored document per paper, chosen for the citizen when there is only one.
    setPapers(Object.fromEntries(p.papers.filter((x) => x.stored.length === 1).map((x) => [x.id, x.stored[0].ref])));
    form.resetFields();
    idempotencyKey.current = newKey();
    setStep('form');
  }

  async function submit() {
    if (!chosen) return;
    const err = await onSubmit(idempotencyKey.current, {
      procedure: chosen.slug, form: formData, documents: Object.entries(papers).map(([kind, ref]) => ({ kind, ref })),
    });
    // A refused form goes back to the form, its field errors under their fields.
    const fieldErrors = (err?.errors ?? []).filter((e) => e.field.startsWith('form.'));
    if (fieldErrors.length) {
      setStep('form');
      form.setFields(fieldErrors.map((e) => ({ name: e.field.slice(5).split('.'), errors: [e.message] })));
    }
  }

  switch (step) {
    case 'choose':
      return (
        <div className="kiosk-panel" data-testid="kiosk-new-dossier" data-step="choose">
          <h1>{messages.kioskChooseProcedure}</h1>
          <p>{messages.kioskChooseProcedureHint}</p>
          {procedures.length === 0 && <p data-testid="kiosk-no-procedures">{messages.kioskNoProcedures}</p>}
          <div className="kiosk-choices">
            {procedures.map((p) => (
              <button type="button" key={p.slug} className="kiosk-choice" onClick={() => choose(p)} data-testid="kiosk-procedure" data-slug={p.slug}>
                <span className="kiosk-choice-title">{p.name}</span>
                <span className="kiosk-choice-hint">{p.agencyLabel} · {feeText(p.fee)}</span>
              </button>
            ))}
          </div>
          <div className="kiosk-actions">
            <Button size="large" className="kiosk-button" onClick={onBack} data-testid="kiosk-new-back">{messages.kioskBack}</Button>
          </div>
        </div>
      );
    case 'form':
      return (
        <div className="kiosk-panel kiosk-form" data-testid="kiosk-new-dossier" data-step="form">
          <h1>{chosen?.name}</h1>
          <h2 className="kiosk-subtitle">{messages.kioskFormTitle}</h2>
          {locked.size > 0 && <p><LockIcon /> {messages.servicesPrefilledNote}</p>}
          {schema && (
            <Form form={form} layout="vertical" size="large" requiredMark initialValues={toInputs(schema, formData) as Record<string, unknown>}>
              {Object.entries(schema.properties ?? {}).map(([k, f]) => (
                <SchemaField key={k} field={f} path={[k]} locked={locked} required={(schema.required ?? []).includes(k)} readOnly={false} />
              ))}
            </Form>
          )}
          <div className="kiosk-actions">
            <Button size="large" type="primary" className="kiosk-button" data-testid="kiosk-form-next" onClick={() => {
              void form.validateFields().then(() => {
                setFormData(schema ? ((fromInputs(schema, form.getFieldsValue(true)) as Record<string, unknown> | undefined) ?? {}) : {});
                setStep(chosen?.papers.length ? 'papers' : 'review');
              }, () => undefined);
            }}>{messages.kioskNext}</Button>
            <Button size="large" className="kiosk-button" onClick={() => setStep('choose')}>{messages.kioskBack}</Button>
          </div>
        </div>
      );
    case 'papers':
      return (
        <div className="kiosk-panel" data-testid="kiosk-new-dossier" data-step="papers">
          <h1>{messages.kioskPapersTitle}</h1>
          <p>{messages.kioskPapersHint}</p>
          {chosen?.papers.map((paper) => (
            <section key={paper.id} className="kiosk-paper">
              <h2 className="kiosk-subtitle">{paper.name}</h2>
              <div className="kiosk-choices">
                {paper.stored.map((s) => (
                  <button type="button" key={s.ref} className={`kiosk-choice${papers[paper.id] === s.ref ? ' kiosk-choice-on' : ''}`} aria-pressed={papers[paper.id] === s.ref}
                    onClick={() => setPapers((cur) => ({ ...cur, [paper.id]: s.ref }))} data-testid="kiosk-paper" data-ref={s.ref}>
                    <span className="kiosk-choice-title">{s.title}</span>
                    <span className="kiosk-choice-hint">
                      {s.source === 'upload'
                        ? t('kioskPaperFrom', { origin: s.origin ?? '', at: formatInstantDate(s.at) })
                        : t('kioskPaperIssued', { origin: s.origin ?? '', at: formatInstantDate(s.at) })}
                    </span>
                  </button>
                ))}
              </div>
            </section>
          ))}
          {chosen && chosen.notRequired.length > 0 && <p>{messages.kioskPaperNotRequired}: {chosen.notRequired.join(', ')}</p>}
          <div className="kiosk-actions">
            <Button size="large" type="primary" className="kiosk-button" data-testid="kiosk-papers-next"
              disabled={chosen?.papers.some((x) => x.required && !papers[x.id])} onClick={() => setStep('review')}>{messages.kioskNext}</Button>
            <Button size="large" className="kiosk-button" onClick={() => setStep('form')}>{messages.kioskBack}</Button>
          </div>
        </div>
      );
    case 'review': {
      const chosenPapers = chosen?.papers.filter((x) => papers[x.id]) ?? [];
      return (
        <div className="kiosk-panel" data-testid="kiosk-new-dossier" data-step="review">
          <h1>{messages.kioskReviewTitle}</h1>
          <dl className="kiosk-result">
            <dt>{messages.kioskReviewProcedure}</dt><dd>{chosen?.name}</dd>
            <dt>{messages.kioskSubmittedFee}</dt><dd>{chosen ? feeText(chosen.fee) : ''}</dd>
            <dt>{messages.kioskReviewPapers}</dt>
            <dd>{chosenPapers.length ? chosenPapers.map((x) => <div key={x.id}>{x.name}</div>) : messages.kioskReviewNoPapers}</dd>
          </dl>
          <div className="kiosk-actions">
            <Button size="large" type="primary" className="kiosk-button" loading={busy} onClick={() => void submit()} data-testid="kiosk-submit">{messages.kioskSubmit}</Button>
            <Button size="large" className="kiosk-button" disabled={busy} onClick={() => setStep(chosen?.papers.length ? 'papers' : 'form')}>{messages.kioskBack}</Button>
          </div>
        </div>
      );
    }
    default:
      return null;
  }
}

/** The dossier submitted: its code large, what happens next, and a slip to print on the kiosk's 80 mm roll. */
function Submitted({ d, onDone }: { d: KioskSubmitted; onDone: () => void }) {
  return (
    <div className="kiosk-panel kiosk-submitted" data-testid="kiosk-submitted" data-id={d.id}>
      <section className="kiosk-ticket">
        <div className="kiosk-ticket-title">{messages.kioskSubmittedSlip}</div>
        <div>{d.procedureName}</div>
        <div className="kiosk-ticket-label">{messages.kioskSubmittedCode}</div>
        <div className="kiosk-submitted-code" data-testid="kiosk-submitted-code">{d.code}</div>
        <dl className="kiosk-result">
          <dt>{messages.kioskDossierState}</dt><dd>{d.stateLabel}</dd>
          {d.submittedAt && <><dt>{messages.kioskSubmittedAt}</dt><dd>{formatDateTime(d.submittedAt)}</dd></>}
          {d.acceptanceDueAt && <><dt>{messages.kioskSubmittedAcceptance}</dt><dd>{formatDateTime(d.acceptanceDueAt)}</dd></>}
          <dt>{messages.kioskSubmittedFee}</dt>
          <dd data-testid="kiosk-submitted-fee">{d.fee ? t('kioskSubmittedFeeLater', { amount: formatMoney(d.fee) }) : messages.kioskProcedureFree}</dd>
        </dl>
        <p className="kiosk-ticket-time">{messages.kioskSubmittedPortal}</p>
      </section>
      <div className="kiosk-actions">
        <Button size="large" type="primary" className="kiosk-button" onClick={() => window.print()} data-testid="kiosk-submitted-print">{messages.kioskSubmittedPrint}</Button>
        <Button size="large" className="kiosk-button" onClick={onDone} data-testid="kiosk-submitted-done">{messages.kioskDone}</Button>
      </div>
    </div>
  );
}
