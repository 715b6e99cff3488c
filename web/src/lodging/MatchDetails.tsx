import { Tag } from 'antd';
import { formatDate } from '../format.js';
import { messages, t } from '../messages.js';
import type { StayAlert } from './types.js';

type Part = StayAlert['matched']['nameParts'][number];

const PART_COLOURS: Record<Part['how'], string> = { exact: 'green', accents: 'green', spelling: 'gold', typo: 'gold', missing: 'default' };

function partText(p: Part): string {
  switch (p.how) {
    case 'exact':
      return t('matchPartExact', { listed: p.listed });
    case 'accents':
      return t('matchPartAccents', { listed: p.listed, declared: p.declared ?? '' });
    case 'spelling':
      return t('matchPartSpelling', { listed: p.listed, declared: p.declared ?? '' });
    case 'typo':
      return t('matchPartTypo', { listed: p.listed, declared: p.declared ?? '' });
    default:
      return t('matchPartMissing', { listed: p.listed });
  }
}

/**
 * What a watchlist alert matched, so "Gần trùng (độ khớp 100%)" says why: the personal ID, the birth date
 * or only the year, and each word of the listed name against the declared one.
 */
export function MatchDetails({ alert }: { alert: Pick<StayAlert, 'matched' | 'entry'> }) {
  const m = alert.matched;
  const birth =
    m.birth === 'date'
      ? t('matchBirthDate', { date: formatDate(alert.entry.dateOfBirth) })
      : m.birth === 'year'
        ? t('matchBirthYear', { year: alert.entry.birthYear })
        : messages.matchBirthNone;
  return (
    <div className="match-details" data-testid="match-details">
      <div data-testid="match-summary">{[m.personalId ? messages.matchPersonalId : null, birth].filter(Boolean).join(' · ')}</div>
      <div className="match-parts">
        <span className="muted">{messages.matchName}: </span>
        {m.nameParts.map((p, i) => (
          <Tag key={i} color={PART_COLOURS[p.how]} data-testid="match-part" data-how={p.how}>
            {partText(p)}
          </Tag>
        ))}
      </div>
    </div>
  );
}
