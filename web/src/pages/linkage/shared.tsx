import { Tag } from 'antd';
import { formatNumber } from '../../format.js';
import { messages } from '../../messages.js';
import type { Answer } from '../../api.js';

export type LinkageRun = Answer<'/api/v1/linkage/runs/{id}'>;
export type LinkageStatus = 'matched' | 'review' | 'unmatched';

export const STATUS_LABELS: Record<LinkageStatus, string> = { matched: messages.linkageMatched, review: messages.linkageReview, unmatched: messages.linkageUnmatched };
const STATUS_COLORS: Record<LinkageStatus, string> = { matched: 'success', review: 'warning', unmatched: 'default' };

export function StatusTag({ status }: { status: LinkageStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{STATUS_LABELS[status]}</Tag>;
}

const STATE_LABELS: Record<LinkageRun['state'], string> = { running: messages.linkageStateRunning, done: messages.linkageStateDone, failed: messages.linkageStateFailed };
const STATE_COLORS: Record<LinkageRun['state'], string> = { running: 'processing', done: 'success', failed: 'error' };

export function StateTag({ state }: { state: LinkageRun['state'] }) {
  return <Tag color={STATE_COLORS[state]} data-testid="linkage-state">{STATE_LABELS[state]}</Tag>;
}

/** A probability as the officer reads it: at most three decimals, Vietnamese comma. */
export const probability = (p: number) => formatNumber(p, 3);
