// The few pages oidc-provider itself renders (logout confirmation, after logout, errors), in Vietnamese.
import type { KoaContextWithOIDC, ErrorOut } from 'oidc-provider';

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} — da06</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1f1f1f}
button{font-size:1rem;padding:.5rem 1rem;margin:.25rem .5rem .25rem 0}.muted{color:#666}</style></head><body>${body}</body></html>`;
}

export async function logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  const client = ctx.oidc.client?.clientName;
  ctx.type = 'html';
  ctx.body = page('Đăng xuất', `<h1>Đăng xuất khỏi tài khoản định danh điện tử?</h1>
${client ? `<p>Yêu cầu từ dịch vụ <strong>${esc(client)}</strong>.</p>` : ''}
${form}<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Đăng xuất</button>
<button type="submit" form="op.logoutForm">Giữ đăng nhập</button>`);
}

export async function postLogoutSuccessSource(ctx: KoaContextWithOIDC): Promise<void> {
  ctx.type = 'html';
  ctx.body = page('Đã đăng xuất', '<h1>Bạn đã đăng xuất</h1><p class="muted">Có thể đóng trang này.</p>');
}

export async function renderError(ctx: KoaContextWithOIDC, out: ErrorOut): Promise<void> {
  ctx.type = 'html';
  ctx.body = page('Lỗi đăng nhập một lần', `<h1>Không thực hiện được yêu cầu đăng nhập</h1>
<p>${esc(out.error_description ?? 'Yêu cầu không hợp lệ.')}</p><p class="muted">Mã lỗi: <code>${esc(out.error)}</code></p>`);
}
