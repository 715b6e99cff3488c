import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { messages } from '../messages.js';

/**
 * The token drawn as a QR code (SVG, error correction M), scaled to its box. The token is also on the
 * element (`data-token`) so browser tests can read what a scanner would.
 */
export function QrImage({ token, dimmed = false }: { token: string; dimmed?: boolean }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    QRCode.toString(token, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } })
      .then((svg) => current && setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`))
      .catch(() => current && setSrc(null));
    return () => {
      current = false;
    };
  }, [token]);
  return (
    <div className={dimmed ? 'qr-image qr-image-dimmed' : 'qr-image'} data-testid="identity-qr" data-token={token}>
      {src && <img src={src} alt={messages.qrImageAlt} />}
    </div>
  );
}
