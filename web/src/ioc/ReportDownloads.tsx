import { useState } from 'react';
import { App, Button, Space } from 'antd';
import { messages } from '../messages.js';
import { ReportSignerForm } from './ReportSignerForm.js';

type Format = 'docx' | 'pdf';

/** The file name the server gives in `content-disposition`, else one of our own. */
function fileName(res: Response, fallback: string): string {
  const m = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '');
  return m ? m[1] : fallback;
}

/**
 * The working group's monthly report of a plan, as Word or PDF, and who signs it (ReportSignerForm): fetched with the session cookie (a GET:
 * no CSRF token), then handed to the browser as a download; a problem is shown as a message.
 */
export function ReportDownloads({ planId, month }: { planId: string; month: string }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<Format | null>(null);
  const [signerOpen, setSignerOpen] = useState(false);

  async function download(format: Format) {
    setBusy(format);
    try {
      const res = await fetch(`/api/v1/plans/${planId}/monthly-report?${new URLSearchParams({ month, format })}`, { credentials: 'same-origin' });
      if (!res.ok) {
        const problem = (await res.json().catch(() => ({}))) as { title?: string };
        void message.error(problem.title ?? messages.genericError);
        return;
      }
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName(res, `bao-cao-${planId}-${month}.${format}`);
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      void message.error(messages.networkError);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Space wrap>
      <Button onClick={() => void download('docx')} loading={busy === 'docx'} disabled={busy !== null} data-testid="report-docx">
        {messages.planReportWord}
      </Button>
      <Button onClick={() => void download('pdf')} loading={busy === 'pdf'} disabled={busy !== null} data-testid="report-pdf">
        {messages.planReportPdf}
      </Button>
      <Button onClick={() => setSignerOpen(true)} data-testid="report-signer">
        {messages.planSigner}
      </Button>
      <ReportSignerForm planId={planId} open={signerOpen} onClose={() => setSignerOpen(false)} />
    </Space>
  );
}
