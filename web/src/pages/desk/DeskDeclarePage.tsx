import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, AutoComplete, Button, Card, DatePicker, Form, Input, Result, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, ApiError, ok } from '../../api.js';
import { parseVnDate } from '../../citizen/forms.js';
import { DATE_FORMAT, WIRE_DATE } from '../../format.js';
import { DeclarationResult } from '../../lodging/DeclarationResult.js';
import { namePath, useFormSubmit } from '../../lodging/fieldErrors.js';
import { newIdempotencyKey, vietnamInstant } from '../../lodging/format.js';
import { GuestCard, type GuestValues } from '../../lodging/GuestCard.js';
import type { GuestRole } from '../../lodging/kinds.js';
import type { Booking, DeclareInput, GuestInput } from '../../lodging/types.js';
import { messages, stayReasons } from '../../messages.js';
import { useDeskFacility } from './DeskLayout.js';

interface Values {
  guests: GuestValues[];
  reason: string;
  room?: string;
  arrivedAt?: Dayjs | null;
  expectedDeparture?: Dayjs | null;
  trip?: { route: string; plate: string; departureAt: Dayjs };
}

const DATE_TIME_FORMAT = `${DATE_FORMAT} HH:mm`;
const REASONS = stayReasons.map((r) => ({ value: r }));
const required = [{ required: true, whitespace: true, message: messages.fieldRequired }];

/** A guest row as the API takes it: only the fields of the way the guest was identified. */
function guestBody(g: GuestValues, role: GuestRole): GuestInput {
  const person = () => ({ fullName: g.fullName!.trim(), dateOfBirth: parseVnDate(g.dateOfBirth ?? '') ?? g.dateOfBirth ?? '' });
  switch (g.mode) {
    case 'cccd':
      return { role, personalId: g.personalId, ...person(), ...(g.sex ? { sex: g.sex } : {}) };
    case 'legacy':
      return { role, legacyId: g.legacyId, ...person(), sex: g.sex };
    case 'foreigner':
      return { role, foreigner: true, passportNumber: g.passportNumber, nationality: g.nationality, ...person(), sex: g.sex, ...(g.visaDocument?.trim() ? { visaDocument: g.visaDocument.trim() } : {}) };
    default:
      return { role, qr: g.qr!.trim() };
  }
}

function bodyOf(v: Values, roles: GuestRole[]): DeclareInput {
  return {
    reason: v.reason.trim(),
    ...(v.room?.trim() ? { room: v.room.trim() } : {}),
    ...(v.arrivedAt ? { arrivedAt: vietnamInstant(v.arrivedAt) } : {}),
    ...(v.expectedDeparture ? { expectedDeparture: v.expectedDeparture.format(WIRE_DATE) } : {}),
    ...(v.trip ? { trip: { route: v.trip.route.trim(), plate: v.trip.plate.trim(), departureAt: vietnamInstant(v.trip.departureAt) } } : {}),
    guests: v.guests.map((g) => guestBody(g, g.role ?? roles[0])),
  };
}

/** "Khai báo khách đến": one or more guests arriving together, each by QR or typed, sent once even if retried. */
export default function DeskDeclarePage() {
  const { facility: desk } = useDeskFacility();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const { busy, error, submit: run } = useFormSubmit(form);
  const [guestErrors, setGuestErrors] = useState<Record<number, string[]>>({});
  const [booking, setBooking] = useState<Booking | null>(null);
  /** Kept across retries of the same declaration (an error, a timeout); a new one after a success. */
  const key = useRef<string | null>(null);
  const top = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (booking || error) top.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [booking, error]);

  if (!desk) return <Result status="404" title={messages.deskNotLodging} data-testid="desk-not-lodging" />;
  const { facility } = desk;
  const roles = facility.roles as GuestRole[];
  const newGuest = (index: number): GuestValues => ({ mode: 'qr', role: roles[Math.min(index, roles.length - 1)] });
  const bus = facility.kind === 'bus_operator';

  function submit(v: Values) {
    setGuestErrors({});
    key.current ??= newIdempotencyKey();
    const idempotencyKey = key.current;
    return run(
      async () => {
        const answer = await ok(api.POST('/api/v1/desk/stays', { body: bodyOf(v, roles), headers: { 'idempotency-key': idempotencyKey } }));
        key.current = null;
        setBooking(answer);
      },
      // The key stays for a retry, unless the server says it was used for another declaration; a
      // guest's errors the form cannot place go under that guest's card, the rest above the form.
      (err, unplaced) => {
        if (err instanceof ApiError && err.code === 'IDEMPOTENCY_KEY_REUSED') key.current = null;
        const byGuest: Record<number, string[]> = {};
        const rest = unplaced.filter((e) => {
          const index = namePath(e.field)[1];
          if (!(e.field.startsWith('guests') && typeof index === 'number')) return true;
          (byGuest[index] ??= []).push(e.message);
          return false;
        });
        setGuestErrors(byGuest);
        return rest;
      },
    );
  }

  function next() {
    setBooking(null);
    form.resetFields();
  }

  return (
    <div className="citizen-stack desk-page" data-testid="lodging-declare-page">
      <div ref={top} className="desk-result-anchor">
        {booking && <DeclarationResult booking={booking} onNext={next} onList={() => void navigate('/desk/lodging')} />}
        {error && <Alert type="error" showIcon title={error} data-testid="lodging-declare-error" />}
      </div>
      {!booking && (
        <Typography.Title level={3} className="citizen-title">
          {messages.declareTitle}
        </Typography.Title>
      )}
      {/* Kept mounted (hidden) under the result: "Khai báo khách khác" resets it. */}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        size="large"
        onFinish={submit}
        disabled={busy}
        style={booking ? { display: 'none' } : undefined}
        initialValues={{ guests: [newGuest(0)] }}
        scrollToFirstError
        className="citizen-stack"
      >
        <Form.List name="guests">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <GuestCard key={f.key} name={f.name} index={i} roles={roles} errors={guestErrors[i] ?? []} onRemove={fields.length > 1 ? () => remove(f.name) : undefined} />
              ))}
              <Button block onClick={() => add(newGuest(fields.length))} disabled={busy || fields.length >= 50} data-testid="guest-add">
                {messages.guestAdd}
              </Button>
            </>
          )}
        </Form.List>
        <Card className="citizen-card" size="small" title={messages.declareStay}>
          <Form.Item name="reason" label={messages.stayReason} rules={required}>
            <AutoComplete options={REASONS} showSearch={{ filterOption: true }} placeholder={messages.stayReasonPlaceholder} data-testid="stay-reason" />
          </Form.Item>
          <Form.Item name="room" label={bus ? messages.staySeat : messages.stayRoom}>
            <Input maxLength={50} autoComplete="off" data-testid="stay-room" />
          </Form.Item>
          <Form.Item name="arrivedAt" label={messages.stayArrivedAt} extra={messages.stayArrivedAtHint}>
            <DatePicker showTime={{ format: 'HH:mm' }} format={DATE_TIME_FORMAT} className="full-width" data-testid="stay-arrived-at" />
          </Form.Item>
          <Form.Item name="expectedDeparture" label={messages.stayExpectedDeparture}>
            <DatePicker format={DATE_FORMAT} className="full-width" data-testid="stay-expected-departure" />
          </Form.Item>
        </Card>
        {bus && (
          <Card className="citizen-card" size="small" title={messages.tripTitle}>
            <Form.Item name={['trip', 'route']} label={messages.tripRoute} rules={required}>
              <Input maxLength={200} placeholder={messages.tripRoutePlaceholder} data-testid="trip-route" />
            </Form.Item>
            <Form.Item name={['trip', 'plate']} label={messages.tripPlate} rules={required}>
              <Input maxLength={20} className="mono" data-testid="trip-plate" />
            </Form.Item>
            <Form.Item name={['trip', 'departureAt']} label={messages.tripDepartureAt} rules={[{ required: true, message: messages.fieldRequired }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format={DATE_TIME_FORMAT} className="full-width" data-testid="trip-departure-at" />
            </Form.Item>
          </Card>
        )}
        <Button type="primary" htmlType="submit" size="large" block loading={busy} data-testid="lodging-submit">
          {messages.declareSubmit}
        </Button>
      </Form>
    </div>
  );
}
