import { useMemo } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, Skeleton, Tag, Tooltip } from 'antd';
import { api, ApiError, ok } from '../../api.js';
import { PageHeading } from '../../components/PageHeading.js';
import { formatDate, formatDateTime, formatInstantDate, formatNumber } from '../../format.js';
import { messages, t } from '../../messages.js';
import { useApi } from '../../useApi.js';
import { hasPermission, useSession } from '../../session.js';
import { LockIcon } from '../../services/FormFields.js';
import { FormView } from '../../services/FormView.js';
import { OfficerActions } from '../../services/OfficerActions.js';
import { ReceiptCard } from '../../services/ReceiptCard.js';
import { ChannelTag, DossierTimeline, DueTag, NotRequired, saveBase64, StateTag } from '../../services/parts.js';
import type { FormField, RegistryRecord } from '../../services/types.js';
import '../../services/services.css';

function Record({ r, title }: { r: RegistryRecord; title: string }) {
  const residence = r.residences.find((x) => !x.validTo);
  return (
    <Descriptions size="small" column={1} bordered title={title} data-testid="registry-record" className="svc-record">
      <Descriptions.Item label={messages.dossierApplicantId}>
        <span className="mono">{r.personalId}</span>
      </Descriptions.Item>
      <Descriptions.Item label={messages.fullName}>{r.fullName}</Descriptions.Item>
      <Descriptions.Item label={messages.dossierBirth}>{formatDate(r.dateOfBirth)}</Descriptions.Item>
      <Descriptions.Item label={messages.dossierSex}>{r.sex}</Descriptions.Item>
      <Descriptions.Item label={messages.dossierEthnicity}>{r.ethnicity}</Descriptions.Item>
      <Descriptions.Item label={messages.dossierResidence}>
        {residence ? `${residence.address}, ${residence.communeName}` : `${r.commune.name}, ${r.commune.provinceName}`}
      </Descriptions.Item>
      {r.household && (
        <Descriptions.Item label={messages.dossierHousehold}>
          {r.household.householdNo}
          {r.household.relationToHead && ` · ${r.household.relationToHead}`}
        </Descriptions.Item>
      )}
      {r.deceased && (
        <Descriptions.Item label={messages.dossierDeceased}>
          <Tag color="red">{messages.dossierDeceased}</Tag>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** One dossier at the desk: the form beside the registry's record, the papers, the timeline and the allowed changes. */
export default function OfficerDossierPage() {
  const id = Number(useParams().id);
  const { message } = App.useApp();
  const { data: d, error, reload } = useApi(id > 0 ? '/api/v1/services/officer/dossiers/{id}' : null, { params: { path: { id } } }, { keepData: true });
  const slug = d?.procedure.slug ?? '';
  const { session } = useSession();
  const proc = useApi(slug ? '/api/v1/services/procedures/{slug}' : null, { params: { path: { slug } } });
  const hasReceipt = !!(d?.acceptedAt && d.dueAt && d.code);
  const receipt = useApi(hasReceipt ? '/api/v1/services/officer/dossiers/{id}/receipt' : null, { params: { path: { id } } });
  const schema = proc.data?.form as unknown as FormField | undefined;
  const locked = useMemo(() => new Set(d?.prefilledFields ?? []), [d?.prefilledFields]);

  async function download(documentId: number) {
    try {
      const doc = await ok(api.GET('/api/v1/services/officer/dossiers/{id}/documents/{documentId}', { params: { path: { id, documentId } } }));
      saveBase64(doc.content, doc.mediaType, doc.fileName);
    } catch (err) {
      void message.error(err instanceof ApiError ? err.detail : messages.genericError);
    }
  }

  return (
    <div data-testid="officer-dossier-page">
      <Link to="/officer/dossiers" className="svc-back" data-testid="back-to-queue">
        {messages.dossiersBack}
      </Link>
      {error && <Alert type="error" showIcon title={error.detail} />}
      {!d ? (
        !error && <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <>
          <PageHeading
            title={d.procedure.name}
            subtitle={
              <span className="svc-dossier-head">
                <span className="svc-code" data-testid="dossier-code">
                  {d.code ?? `#${d.id}`}
                </span>
                <StateTag state={d.state} />
                <ChannelTag channel={d.channel} />
                <DueTag flag={d.dueFlag} />
                {d.dueAt && `${messages.servicesDueAt}: ${formatInstantDate(d.dueAt)}`}
                {d.dueAt && d.dueProvisional && (
                  <Tooltip title={messages.servicesDueProvisionalHelp}>
                    <Tag color="gold" data-testid="due-provisional">
                      {messages.servicesDueProvisional}
                    </Tag>
                  </Tooltip>
                )}
                {d.extended && <Tag>{messages.servicesExtended}</Tag>}
              </span>
            }
          />
          <Card title={messages.dossierActions} className="svc-card">
            <OfficerActions dossier={d} onDone={reload} />
            {d.procedure.slug === 'chung-thuc-ban-sao-tu-ban-chinh' && d.state === 'in_process' && session && hasPermission(session, 'services.copies.certify') && (
              <Link to={`/officer/certified-copies/new?dossier=${d.id}`} data-testid="dossier-certify-copy">
                <Button type="primary" style={{ marginTop: 8 }}>{messages.copyFromDossier}</Button>
              </Link>
            )}
            {d.assignedOfficerId !== null && <div className="muted">{t('dossierAssigned', { id: d.assignedOfficerId })}</div>}
          </Card>
          <div className="svc-compare">
            <Card title={messages.dossierFormTitle} data-testid="dossier-form">
              {d.prefilledFields.length > 0 && (
                <p className="muted">
                  <LockIcon /> {messages.servicesPrefilledNote}
                </p>
              )}
              {schema ? <FormView field={schema} value={d.form} locked={locked} /> : <Skeleton active />}
            </Card>
            <div>
              <Card title={messages.dossierRegistryTitle} data-testid="dossier-registry">
                {d.registry.applicant ? <Record r={d.registry.applicant} title={`${messages.dossiersApplicant}: ${d.applicantName}`} /> : <Alert type="warning" showIcon title={messages.dossierRegistryMissing} />}
                {d.registry.subjects.map((s) => (
                  <div key={s.personalId} style={{ marginTop: 12 }}>
                    <Record r={s} title={messages.dossierSubjects} />
                  </div>
                ))}
              </Card>
              <Card title={messages.servicesDocuments} style={{ marginTop: 16 }} data-testid="dossier-documents">
                <NotRequired count={d.documentsNotRequired} testId="officer-not-required" />
                {d.documents.length ? (
                  <ul className="svc-docs">
                    {d.documents.map((doc) => (
                      <li key={doc.id}>
                        <Button type="link" onClick={() => void download(doc.id)} data-testid="officer-document">
                          {doc.fileName}
                        </Button>
                        <span className="muted">
                          {proc.data?.documents.find((x) => x.id === doc.kind)?.name ?? doc.kind} · {formatNumber(Math.ceil(doc.sizeBytes / 1000))} kB · {formatDateTime(doc.uploadedAt)}
                        </span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted">{messages.servicesNoDocuments}</span>
                )}
                {d.fee && (
                  <p>
                    {messages.servicesFee}: {d.fee.amount === 0 ? messages.servicesFree : `${formatNumber(d.fee.amount)} đ`}
                  </p>
                )}
              </Card>
            </div>
          </div>
          {hasReceipt && receipt.data && <ReceiptCard r={receipt.data} className="svc-receipt" pdfHref={`/api/v1/services/officer/dossiers/${id}/receipt.pdf`} />}
          <Card title={messages.servicesTimeline} style={{ marginTop: 16 }}>
            <DossierTimeline entries={d.timeline} />
          </Card>
        </>
      )}
    </div>
  );
}
