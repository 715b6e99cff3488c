import { Alert, App, Button, Card, Form, Input, Radio } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api, ApiError, ok, type RequestBody } from '../api.js';
import { CommuneSelect } from '../components/CommuneSelect.js';
import { PageHeading } from '../components/PageHeading.js';
import { dateLabel, dateRules, parseVnDate, requiredRule, wireDate } from '../components/registry/forms.js';
import { useFormSubmit } from '../lodging/fieldErrors.js';
import { messages, t } from '../messages.js';
import { useSession } from '../session.js';

type PersonCreate = RequestBody<'/api/v1/people'>;

interface NewPersonValues {
  personalId?: string;
  fullName?: string;
  dateOfBirth?: string;
  sex?: 'Nam' | 'Nữ';
  communeCode?: string;
  address?: string;
  householdNo?: string;
  relationToHead?: string;
  ethnicity?: string;
  religion?: string;
  legacyId?: string;
  phone?: string;
}

/**
 * What digits 4–6 of a personal ID say (Thông tư 07/2016/TT-BCA: digit 4 = century and sex, 5–6 = year
 * of birth), and whether that agrees with what was typed. The server checks the whole number again.
 */
function decodeId(id: string | undefined, sex: string | undefined, dob: string | undefined): { hint: string; mismatch: string | null } | null {
  if (!id || !/^\d{12}$/.test(id.trim())) return null;
  const digit = Number(id.trim()[3]);
  const idSex = digit % 2 === 0 ? messages.sexMale : messages.sexFemale;
  const century = 19 + Math.floor(digit / 2);
  const yy = id.trim().slice(4, 6);
  const hint = t('personalIdDecoded', { sex: idSex, century, yy });
  const wrong: string[] = [];
  if (sex && sex !== idSex) wrong.push(messages.sex.toLowerCase());
  const iso = dob ? parseVnDate(dob) : null;
  if (iso && iso.slice(0, 4) !== `${century}${yy}`) wrong.push(messages.dateOfBirth.toLowerCase());
  return { hint, mismatch: wrong.length ? t('personalIdMismatch', { what: wrong.join(', ') }) : null };
}

/** A commune or province registry officer records a new person; the server's field errors appear under each field, nothing typed is lost. */
export default function NewPersonPage() {
  const { session } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewPersonValues>();
  const { busy, error, submit } = useFormSubmit(form);
  const [personalId, sex, dateOfBirth, householdNo] = [
    Form.useWatch('personalId', form), Form.useWatch('sex', form), Form.useWatch('dateOfBirth', form), Form.useWatch('householdNo', form),
  ];
  const decoded = decodeId(personalId, sex, dateOfBirth);

  if (!session) return null;

  function finish(v: NewPersonValues) {
    return submit(async () => {
      const optional = (k: 'address' | 'householdNo' | 'relationToHead' | 'ethnicity' | 'religion' | 'legacyId' | 'phone') =>
        v[k]?.trim() ? { [k]: v[k].trim() } : {};
      const body: PersonCreate = {
        personalId: v.personalId?.trim() ?? '',
        fullName: v.fullName?.trim() ?? '',
        dateOfBirth: wireDate(v.dateOfBirth ?? ''),
        sex: v.sex ?? '',
        communeCode: v.communeCode ?? '',
        ...optional('address'), ...optional('householdNo'), ...optional('relationToHead'), ...optional('ethnicity'),
        ...optional('religion'), ...optional('legacyId'), ...optional('phone'),
      };
      const created = await ok(api.POST('/api/v1/people', { body }));
      void message.success(t('newPersonDone', { name: created.fullName }));
      void navigate(`/officer/people/${created.personalId}`, { state: { done: 'person.create' } });
    }, (err, unplaced) => {
      // A number already in the registry is a fact about the number: say it under the number.
      if (err instanceof ApiError && err.code === 'PERSON_DUPLICATE') form.setFields([{ name: 'personalId', errors: [err.title] }]);
      return unplaced;
    });
  }

  return (
    <div className="page">
      <PageHeading title={messages.newPersonTitle} subtitle={messages.newPersonHint} extra={<Button onClick={() => void navigate(-1)}>{messages.back}</Button>} />
      <Card>
        {error && <Alert className="page-alert" type="error" showIcon title={error} data-testid="new-person-error" style={{ marginBottom: 16 }} />}
        <Form<NewPersonValues>
          form={form}
          layout="vertical"
          onFinish={finish}
          disabled={busy}
          className="person-form"
          initialValues={{ ethnicity: 'Kinh', religion: 'Không', communeCode: session.area.level === 'commune' ? session.area.code : undefined }}
          data-testid="new-person-form"
        >
          <Form.Item name="personalId" label={messages.personalId} rules={[{ required: true, message: messages.fieldRequired }, { pattern: /^\s*\d{12}\s*$/, message: messages.personalIdFormat }]} extra={messages.personalIdRule}>
            <Input maxLength={12} inputMode="numeric" placeholder={messages.personalIdPlaceholder} data-testid="new-personal-id" />
          </Form.Item>
          <Form.Item name="fullName" label={messages.fullName} rules={requiredRule}>
            <Input maxLength={100} placeholder={messages.fullNamePlaceholder} data-testid="new-full-name" />
          </Form.Item>
          <Form.Item name="dateOfBirth" label={dateLabel(messages.dateOfBirth)} rules={dateRules(true)}>
            <Input maxLength={10} inputMode="numeric" placeholder="dd/mm/yyyy" data-testid="new-dob" />
          </Form.Item>
          <Form.Item name="sex" label={messages.sex} rules={[{ required: true, message: messages.fieldRequired }]}>
            <Radio.Group>
              <Radio value="Nam" data-testid="new-sex-nam">{messages.sexMale}</Radio>
              <Radio value="Nữ" data-testid="new-sex-nu">{messages.sexFemale}</Radio>
            </Radio.Group>
          </Form.Item>
          {decoded && (
            <div className="person-form-wide" data-testid="id-decoded">
              <Alert type={decoded.mismatch ? 'warning' : 'info'} showIcon title={decoded.hint} description={decoded.mismatch ?? undefined} style={{ marginBottom: 16 }} />
            </div>
          )}
          <Form.Item name="communeCode" label={messages.residenceCommune} rules={[{ required: true, message: messages.fieldRequired }]}>
            <CommuneSelect area={session.area} mode="field" aria-label={messages.residenceCommune} data-testid="new-commune" />
          </Form.Item>
          <Form.Item name="address" label={messages.residenceAddress}>
            <Input maxLength={200} data-testid="new-address" />
          </Form.Item>
          <Form.Item name="householdNo" label={messages.householdNo} extra={messages.householdNoHint}>
            <Input maxLength={40} data-testid="new-household" />
          </Form.Item>
          <Form.Item name="relationToHead" label={messages.relationToHead}>
            <Input maxLength={200} placeholder={messages.relationToHeadPlaceholder} disabled={!householdNo?.trim()} data-testid="new-relation" />
          </Form.Item>
          <Form.Item name="ethnicity" label={messages.ethnicity}>
            <Input maxLength={200} data-testid="new-ethnicity" />
          </Form.Item>
          <Form.Item name="religion" label={messages.religion}>
            <Input maxLength={200} data-testid="new-religion" />
          </Form.Item>
          <Form.Item name="legacyId" label={messages.legacyId}>
            <Input maxLength={9} inputMode="numeric" data-testid="new-legacy-id" />
          </Form.Item>
          <Form.Item name="phone" label={messages.phone}>
            <Input maxLength={12} inputMode="tel" placeholder={messages.phonePlaceholder} data-testid="new-phone" />
          </Form.Item>
          <div className="person-form-actions">
            <Button type="primary" htmlType="submit" loading={busy} size="large" data-testid="new-person-submit">
              {messages.newPersonSubmit}
            </Button>
          </div>
        </Form>
      </Card>
    </div>
  );
}
