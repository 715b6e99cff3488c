import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Button, Col, Empty, Row, Segmented, Space, Table } from 'antd';
import { PageHeading } from '../../components/PageHeading.js';
import { Section } from '../../ioc/IocPage.js';
import { KpiTiles } from '../../ioc/KpiTiles.js';
import { Bars, OUTCOME_TONES, TONES } from '../../lodging/Bars.js';
import { formatNumber, formatShareOf } from '../../format.js';
import { linkageFieldLabels, messages, t } from '../../messages.js';
import { useApi } from '../../useApi.js';
import type { Answer } from '../../api.js';

type Quality = Answer<'/api/v1/linkage/runs/{id}/quality'>;
type Commune = Quality['byPersonCommune'][number];
type Basis = 'person' | 'list';

/** matched / review / unmatched: green, amber, red whatever the chart. */
const OUTCOME = [OUTCOME_TONES[0], TONES[1], OUTCOME_TONES[1]];

const communeLabel = (c: Commune) => (c.communeCode === null ? messages.linkageQualityNoCommune : (c.communeName ?? c.communeCode));

/**
 * The quality of a linked list (issue 18; models 34–36's data cleaning): how complete each column is, how the
 * rows came out overall and per commune (of the person matched, or as the list gives it), the rows that point at
 * one person twice, at the dead or at people who moved out of the province; and the CSV to take away.
 */
export default function LinkageQualityPage() {
  const { id } = useParams();
  const runId = Number(id);
  const { data, loading } = useApi(Number.isInteger(runId) && runId > 0 ? '/api/v1/linkage/runs/{id}/quality' : null, { params: { path: { id: runId } } });
  const [basis, setBasis] = useState<Basis>('person');
  const waiting = loading && !data;
  const o = data?.overall;
  const communes = (basis === 'person' ? data?.byPersonCommune : data?.byListCommune) ?? [];
  const dateNone = o ? o.rows - o.dateOfBirth.full - o.dateOfBirth.monthYear - o.dateOfBirth.yearOnly : 0;

  return (
    <div className="page ioc-page" data-testid="linkage-quality-page">
      <PageHeading
        title={t('linkageQualityTitle', { source: data?.source ?? '' })}
        subtitle={t('linkageQualitySubtitle', { id: String(runId) })}
        extra={
          <Space wrap>
            <Button href={`/api/v1/linkage/runs/${runId}/quality.xlsx`} type="primary" data-testid="linkage-quality-xlsx">{messages.linkageQualityXlsx}</Button>
            <Button href={`/api/v1/linkage/runs/${runId}/quality.csv`} data-testid="linkage-quality-csv">{messages.linkageQualityCsv}</Button>
          </Space>
        }
      />
      <KpiTiles
        loading={waiting}
        items={[
          { key: 'rows', label: messages.linkageQualityRows, value: o?.rows },
          { key: 'matched', label: messages.linkageQualityMatched, value: o?.matched },
          { key: 'review', label: messages.linkageQualityReview, value: o?.review },
          { key: 'unmatched', label: messages.linkageQualityUnmatched, value: o?.unmatched },
          { key: 'duplicates', label: messages.linkageQualityDuplicates, value: data?.duplicates.rows, warn: true },
          { key: 'deceased', label: messages.linkageQualityDeceased, value: o?.deceased, warn: true },
          { key: 'moved-out', label: messages.linkageQualityMovedOut, value: o?.movedOut, warn: true },
        ]}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Section title={messages.linkageQualityCompleteness} loading={waiting}>
            <Bars
              rows={(o?.completeness ?? []).map((c) => ({ key: c.field, label: `${linkageFieldLabels[c.field]} · ${formatShareOf(c.count, o!.rows)}`, values: [c.count, o!.rows - c.count] }))}
              legend={[messages.linkageQualityUsable, messages.linkageQualityMissing]}
              tones={OUTCOME_TONES}
              testId="linkage-quality-completeness"
            />
          </Section>
        </Col>
        <Col xs={24} xl={12}>
          <Section title={messages.linkageQualityDates} loading={waiting}>
            <Bars
              rows={o ? [
                { key: 'full', label: messages.linkageQualityDateFull, values: [o.dateOfBirth.full] },
                { key: 'month', label: messages.linkageQualityDateMonth, values: [o.dateOfBirth.monthYear] },
                { key: 'year', label: messages.linkageQualityDateYear, values: [o.dateOfBirth.yearOnly] },
                { key: 'none', label: messages.linkageQualityDateNone, values: [dateNone] },
              ] : []}
              testId="linkage-quality-dates"
            />
          </Section>
        </Col>
        <Col xs={24}>
          <Section
            title={messages.linkageQualityOutcome}
            loading={waiting}
            extra={<Segmented<Basis> value={basis} onChange={setBasis} options={[{ value: 'person', label: messages.linkageQualityByPerson }, { value: 'list', label: messages.linkageQualityByList }]} data-testid="linkage-quality-basis" />}
          >
            <Bars
              rows={o ? [
                { key: 'all', label: messages.linkageQualityWhole, values: [o.matched, o.review, o.unmatched] },
                ...communes.map((c) => ({ key: c.communeCode ?? 'none', label: communeLabel(c), values: [c.matched, c.review, c.unmatched] })),
              ] : []}
              legend={[messages.linkageQualityMatched, messages.linkageQualityReview, messages.linkageQualityUnmatched]}
              tones={OUTCOME}
              testId="linkage-quality-outcome"
            />
          </Section>
        </Col>
        <Col xs={24}>
          <Section title={messages.linkageQualityCommunes} loading={waiting}>
            <Table<Commune>
              size="small"
              rowKey={(c) => c.communeCode ?? 'none'}
              dataSource={communes}
              pagination={communes.length > 20 ? { pageSize: 20 } : false}
              data-testid="linkage-quality-communes"
              columns={[
                { title: messages.linkageQualityCommune, key: 'commune', render: (_, c) => communeLabel(c) },
                { title: messages.linkageQualityRows, dataIndex: 'rows', align: 'right', render: (n: number) => formatNumber(n) },
                { title: messages.linkageQualityMatchedShare, key: 'share', align: 'right', render: (_, c) => formatShareOf(c.matched, c.rows) },
                { title: messages.linkageQualityReview, dataIndex: 'review', align: 'right', render: (n: number) => formatNumber(n) },
                { title: messages.linkageQualityUnmatched, dataIndex: 'unmatched', align: 'right', render: (n: number) => formatNumber(n) },
                { title: messages.linkageQualityIdShare, key: 'id', align: 'right', render: (_, c) => formatShareOf(c.completeness.find((x) => x.field === 'personal_id')?.count ?? 0, c.rows) },
                { title: messages.linkageQualityDuplicates, dataIndex: 'duplicateRows', align: 'right', render: (n: number) => formatNumber(n) },
                { title: messages.linkageQualityDeceased, dataIndex: 'deceased', align: 'right', render: (n: number) => formatNumber(n) },
                { title: messages.linkageQualityMovedOut, dataIndex: 'movedOut', align: 'right', render: (n: number) => formatNumber(n) },
              ]}
            />
          </Section>
        </Col>
        <Col xs={24}>
          <Section title={t('linkageQualityDuplicateGroups', { groups: data?.duplicates.groups ?? 0, rows: data?.duplicates.rows ?? 0 })} loading={waiting}>
            {data && data.duplicates.items.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.linkageQualityNoDuplicates} />
            ) : (
              <Table
                size="small"
                rowKey="personalId"
                dataSource={data?.duplicates.items ?? []}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                data-testid="linkage-quality-duplicates"
                columns={[
                  { title: linkageFieldLabels.personal_id, dataIndex: 'personalId' },
                  { title: messages.linkageQualityDuplicateRows, dataIndex: 'rows', render: (rows: number[]) => rows.map((r) => formatNumber(r)).join(', ') },
                ]}
              />
            )}
          </Section>
        </Col>
      </Row>
    </div>
  );
}
