import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { messages } from '../messages.js';

/**
 * The token drawn as a QR code (SVG, error correction M unless told), scaled to its box. The token is
 * also on the element (`data-token`) so browser tests can read what a scanner would. A long text (a
 * wallet presentation) takes level L and a `large` box: fewer, bigger modules for the camera.
 */
export function QrImage({
  token,
  dimmed = false,
  level = 'M',
  large = false,
  alt = messages.qrImageAlt,
  testId = 'identity-qr',
}: {
  token: string;
  dimmed?: boolean;
  level?: 'L' | 'M';
  large?: boolean;
  alt?: string;
  testId?: string;
}) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    QRCode.toString(token, { type: 'svg', errorCorrectionLevel: level, margin: 2, color: { dark: '#000000', light: '#ffffff' } })
      .then((svg) => current && setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`))
      .catch(() => current && setSrc(null));
    return () => {
      current = false;
    };
  }, [token, level]);
  return (
    <div className={['qr-image', dimmed && 'qr-image-dimmed', large && 'qr-image-large'].filter(Boolean).join(' ')} data-testid={testId} data-token={token}>
      {src && <img src={src} alt={alt} />}
    </div>
  );
}
