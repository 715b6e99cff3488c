import { currentContext } from '../../platform/context.js';
import { todayInVietnam } from '../../platform/time.js';
import { afterCommit, type Db, type Transaction } from '../../platform/db.js';
import { birthProvinceCodeFor, type RegistryService } from '../registry/index.js';
import { DomainError, fieldError } from './errors.js';
import type { ApprovedDossier, EffectResult, Effects } from './service.js';
import { recordResult, type ErrorLog, type ResultReaders } from './results.js';
import { loadMarriageRule, marriageErrors } from './marriage.js';

/**
 * What an approval changes in the registry, by the procedure's `effect` (catalogue): each handler runs in the
 * approval's transaction through the registry's own functions (registry/index.ts), so the change commits or
 * rolls back with the decision and carries the dossier's code. Effects of another agency (the child's BHYT card,
 * the funeral allowance) and those the registry does not keep (the criminal record: officer-service.ts draws it) have no handler here.
 */
export function registryEffects(registry: RegistryService, db: Db, log?: ErrorLog): Effects {
  const results = registryResults(registry);
  const source = (d: ApprovedDossier, tx: Transaction) => ({
    dossierCode: d.code, tx,
    actor: { actorKind: 'officer' as const, actorId: String(d.actor.officerId), actorName: d.actor.fullName, requestId: currentContext()?.requestId },
  });
  const today = () => todayInVietnam(new Date());

  return {
    /** Khai sinh: the child in the registry with an allocated personal ID, linked to its parents and their household. */
    async birth(d, tx): Promise<EffectResult> {
      const child = obj(d.form.child);
      const born = await registry.registerBirth({
        fullName: str(child.fullName, 'form.child.fullName'), sex: str(child.sex, 'form.child.sex') as 'Nam' | 'Nữ',
        birthDate: str(child.birthDate, 'form.child.birthDate'), birthPlace: str(child.birthPlace, 'form.child.birthPlace'),
        hometown: opt(child.hometown), ethnicity: str(child.ethnicity, 'form.child.ethnicity'), nationality: opt(child.nationality),
      }, {
        ...source(d, tx), parents: { mother: opt(obj(d.form.mother).personalId), father: opt(obj(d.form.father).personalId) },
        // Digits 1–3: the province where the birth is registered (the dossier's), not the household's.
        birthProvinceCode: birthProvinceCodeFor(d.provinceCode) ?? d.provinceCode,
      });
      return {
        summary: `Đã đăng ký khai sinh, cấp số định danh cá nhân ${born.personalId}`,
        // The registry's internal row id stays inside the registry (the timeline shows the personal ID only).
        data: { personalId: born.personalId, householdNo: born.householdNo, relationToHead: born.relationToHead },
      };
    },

    /** Thường trú: the people the dossier names (the members changing with the applicant, else the applicant) at the new address. */
    async permanent_residence(d, tx) {
      const ids = people(d);
      for (const personalId of ids) {
        await registry.registerPermanentResidence(personalId, { communeCode: d.unitCode, address: str(d.form.address, 'form.address'), from: today() }, source(d, tx));
      }
      return { summary: `Đã đăng ký thường trú cho ${ids.length} người`, data: { personalIds: ids } };
    },

    async temporary_residence(d, tx) {
      const ids = people(d);
      for (const personalId of ids) {
        await registry.registerTemporaryResidence(personalId, {
          communeCode: d.unitCode, address: str(d.form.address, 'form.address'), from: today(), until: str(d.form.until, 'form.until'),
        }, source(d, tx));
      }
      return { summary: `Đã đăng ký tạm trú cho ${ids.length} người`, data: { personalIds: ids } };
    },

    async absence(d, tx) {
      await registry.declareAbsence(d.applicantPersonalId, {
        from: str(d.form.from, 'form.from'), to: str(d.form.to, 'form.to'), destination: str(d.form.destination, 'form.destination'), reason: str(d.form.reason, 'form.reason'),
      }, source(d, tx));
      return { summary: 'Đã tiếp nhận khai báo tạm vắng', data: { personalId: d.applicantPersonalId } };
    },

    /**
     * Xác nhận thông tin về cư trú: the result is the CT07 content read from the registry once the approval has
     * committed (the registry reads it on its own connection: inside the approval's transaction PGlite's one
     * connection would wait for itself), recorded on the dossier's timeline as the result. A failed read is
     * logged and shown on the timeline (`result_missing`), and the return of the result reads it again.
     */
    async residence_confirmation(d, tx) {
      const read = results.residence_confirmation!;
      afterCommit(tx, () => void recordResult(db, () => read(d), d.id, log));
      return { summary: 'Đã xác nhận thông tin về cư trú (mẫu CT07)', data: { ct07: 'result' } };
    },

    /** Khai tử: the death recorded (registry.person.died then locks the e-ID). */
    async death(d, tx) {
      const deceased = obj(d.form.deceased);
      const personalId = str(deceased.personalId, 'form.deceased.personalId');
      await registry.recordDeath(source(d, tx), personalId, str(deceased.deathDate, 'form.deceased.deathDate'), opt(deceased.deathPlace));
      return { summary: `Đã đăng ký khai tử cho người có số định danh ${personalId}`, data: { personalId } };
    },

    /**
     * Đăng ký kết hôn: the conditions the registry can check (both living, of the rule's age for their sex on the day
     * of approval, not of the same sex, neither married in the registry, not related by blood within three generations
     * through its parent links: marriage.ts, data/services/marriage-age.json),
     * then the marriage recorded with the dossier's code. The other party has confirmed (approve checks it first).
     */
    async marriage(d, tx) {
      const spouse = str(obj(d.form.spouse).personalId, 'form.spouse.personalId');
      const day = today();
      const facts = await registry.unsafeMarriageFacts([d.applicantPersonalId, spouse], tx);
      const kin = await registry.unsafeKinship(d.applicantPersonalId, spouse, tx);
      const errors = marriageErrors(
        [{ path: 'form.applicant', personalId: d.applicantPersonalId }, { path: 'form.spouse', personalId: spouse }], facts, loadMarriageRule(day), day, kin,
      );
      if (errors.length) throw new DomainError('MARRIAGE_CONDITIONS', {}, errors);
      await registry.registerMarriage({ spouses: [d.applicantPersonalId, spouse], on: day, communeCode: d.unitCode }, source(d, tx));
      return { summary: 'Đã đăng ký kết hôn vào Cơ sở dữ liệu hộ tịch', data: { registeredOn: day } };
    },

    async remove_permanent_residence(d, tx) {
      const personalId = str(obj(d.form.subject).personalId, 'form.subject.personalId');
      await registry.removePermanentResidence(personalId, { on: today(), reason: str(d.form.reason, 'form.reason') }, source(d, tx));
      return { summary: `Đã xóa đăng ký thường trú của người có số định danh ${personalId}`, data: { personalId } };
    },
  };
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const opt = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

/** A form value the effect cannot do without: a missing one refuses the approval with the field named. */
function str(v: unknown, path: string): string {
  if (typeof v === 'string' && v.trim()) return v;
  throw new DomainError('DOSSIER_INVALID', {}, [fieldError(path, 'FORM_FIELD', { message: 'Thiếu thông tin để cập nhật Cơ sở dữ liệu về dân cư' })]);
}

/** The members changing residence with the applicant (form `members[].personalId`), else the applicant. */
function people(d: ApprovedDossier): string[] {
  const members = Array.isArray(d.form.members) ? d.form.members.map((m) => opt(obj(m).personalId)).filter((x): x is string => !!x) : [];
  return members.length ? [...new Set(members)] : [d.applicantPersonalId];
}

/**
 * The result documents read from the registry after an approval: the CT07 content of a residence confirmation,
 * read under the officer who approves (or returns) the dossier, with its code.
 */
export function registryResults(registry: RegistryService): ResultReaders {
  return {
    async residence_confirmation(d) {
      const ct07 = await registry.residenceConfirmation(d.applicantPersonalId, {
        actor: { actorKind: 'officer', actorId: String(d.actor.officerId), actorName: d.actor.fullName, requestId: currentContext()?.requestId },
        dossierCode: d.code,
      });
      return { comment: 'Xác nhận thông tin về cư trú (mẫu CT07)', data: { ct07: { ...ct07 } } };
    },
  };
}
