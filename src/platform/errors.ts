/**
 * Error mechanism: stable codes, RFC 9457 problems, field errors. The platform defines only the codes
 * of its own mechanisms (validation, authentication, routing, rate limits); each module defines its
 * codes with `defineErrors` / `defineFieldErrors` in its own `errors.ts` and lists them in its
 * descriptor. A code is never renamed or reused once released; `docs/errors.md` is generated from the
 * assembled catalogue (docs.test.ts keeps the two in step). Titles are Vietnamese; `{name}`
 * placeholders are filled from the error's params.
 */
export interface ErrorSpec {
  status: number;
  title: string;
}

/**
 * Every error code of the application. Modules add theirs by declaration merging:
 * `declare module '../../platform/errors.js' { interface ErrorCodes extends CodesOf<typeof LODGING_ERRORS> {} }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ErrorCodes extends CodesOf<typeof PLATFORM_ERRORS> {}
/** Every field-error code; modules add theirs the same way. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FieldErrorCodes extends CodesOf<typeof PLATFORM_FIELD_ERRORS> {}

/** The code names of a catalogue, as an interface can extend them. */
export type CodesOf<T> = { [K in keyof T]: true };
export type ErrorCode = keyof ErrorCodes & string;
export type FieldErrorCode = keyof FieldErrorCodes & string;

const errorRegistry = new Map<string, ErrorSpec>();
const fieldErrorRegistry = new Map<string, string>();

function register<V>(registry: Map<string, V>, catalogue: Record<string, V>, what: string): void {
  for (const [code, value] of Object.entries(catalogue)) {
    if (registry.has(code) && registry.get(code) !== value) throw new Error(`${what} ${code} is defined twice`);
    registry.set(code, value);
  }
}

/** A module's error codes, known to the error mechanism from the moment the module is loaded. */
export function defineErrors<const T extends Record<string, ErrorSpec>>(catalogue: T): T {
  register(errorRegistry, catalogue, 'Error code');
  return catalogue;
}

/** A module's field-error codes (`errors[].code` of a 400/422 problem), with their Vietnamese messages. */
export function defineFieldErrors<const T extends Record<string, string>>(catalogue: T): T {
  register(fieldErrorRegistry, catalogue, 'Field error code');
  return catalogue;
}

export const PLATFORM_ERRORS = defineErrors({
  VALIDATION_FAILED: { status: 400, title: 'Dữ liệu gửi lên không hợp lệ' },
  UNAUTHENTICATED: { status: 401, title: 'Chưa đăng nhập hoặc phiên làm việc đã hết hạn' },
  FORBIDDEN: { status: 403, title: 'Bạn không có quyền thực hiện thao tác này' },
  CSRF_INVALID: { status: 403, title: 'Yêu cầu thiếu mã chống giả mạo (CSRF) hợp lệ, vui lòng tải lại trang' },
  NOT_FOUND: { status: 404, title: 'Không tìm thấy địa chỉ yêu cầu' },
  URI_TOO_LONG: { status: 414, title: 'Địa chỉ yêu cầu quá dài' },
  RATE_LIMITED: { status: 429, title: 'Quá nhiều yêu cầu, vui lòng thử lại sau' },
  INTERNAL: { status: 500, title: 'Lỗi hệ thống, vui lòng thử lại sau' },
  NOT_READY: { status: 503, title: 'Hệ thống đang khởi động, chưa sẵn sàng phục vụ' },
});

export const PLATFORM_FIELD_ERRORS = defineFieldErrors({
  REQUIRED: 'Trường bắt buộc',
  INVALID_FORMAT: 'Sai định dạng',
  INVALID_DATE: 'Ngày không hợp lệ (định dạng YYYY-MM-DD)',
  DATE_IN_FUTURE: 'Ngày không được ở tương lai',
  UNKNOWN_FIELD: 'Trường không được hỗ trợ',
  TOO_LONG: 'Giá trị quá dài',
  INVALID_CHARACTERS: 'Có ký tự không hợp lệ (ký tự điều khiển hoặc mã Unicode lỗi)',
  DATE_BEFORE: 'Ngày phải sau {after}',
});

/** The assembled catalogues, for the generated documents and the vocabulary test. */
export function errorCatalogue(): ReadonlyMap<string, ErrorSpec> {
  return errorRegistry;
}
export function fieldErrorCatalogue(): ReadonlyMap<string, string> {
  return fieldErrorRegistry;
}

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export function fill(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export function fieldError(field: string, code: FieldErrorCode, params?: Record<string, unknown>): FieldError {
  const template = fieldErrorRegistry.get(code);
  if (template === undefined) throw new Error(`Unknown field error code ${code}: define it in its module's errors.ts`);
  return { field, code, message: fill(template, params) };
}

/**
 * What services throw. The edge turns it into RFC 9457 problem+json. Status and title are looked up
 * when first read, so a module's catalogue may load after the code that throws (an unknown code is a
 * programming error and reads as 500).
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, unknown> = {},
    readonly errors: FieldError[] = [],
  ) {
    super();
    this.name = 'DomainError';
  }
  get status(): number {
    return errorRegistry.get(this.code)?.status ?? 500;
  }
  /** Only 4xx details reach the caller; a 5xx says nothing about the inside. */
  get expose(): boolean {
    return this.status < 500;
  }
}

// `message` as a getter on the prototype: super() without a message leaves no own property to shadow it.
Object.defineProperty(DomainError.prototype, 'message', {
  get(this: DomainError): string {
    const spec = errorRegistry.get(this.code);
    return spec ? fill(spec.title, this.params) : `Unknown error code ${this.code}`;
  },
});

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
}

export function toProblem(err: DomainError, instance?: string): Problem {
  const problem: Problem = {
    type: `urn:da06:error:${err.code.toLowerCase().replace(/_/g, '-')}`,
    title: err.expose ? err.message : PLATFORM_ERRORS.INTERNAL.title,
    status: err.status,
    code: err.expose ? err.code : 'INTERNAL',
    instance,
  };
  if (err.errors.length) problem.errors = err.errors;
  return problem;
}
