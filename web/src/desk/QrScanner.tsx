import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Spin } from 'antd';
import { messages } from '../messages.js';
import { createFrameDecoder } from './qr-decoder.js';

/** Time between two looks at the video: quick enough to feel instant, light on a phone's battery. */
const FRAME_MS = 80;

/** Why the camera could not start, as the counter staff should read it. */
function cameraProblem(err: unknown): string {
  const name = err instanceof Error || err instanceof DOMException ? err.name : '';
  if (name === 'NotAllowedError' || name === 'PermissionDeniedError' || name === 'SecurityError') return messages.deskCameraDenied;
  if (name === 'NotFoundError' || name === 'DevicesNotFoundError' || name === 'OverconstrainedError') return messages.deskCameraMissing;
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError') return messages.deskCameraBusy;
  return messages.deskCameraFailed;
}

/** The back camera when there is one, at a size where a phone screen's QR is sharp. */
const CONSTRAINTS: MediaStreamConstraints = {
  audio: false,
  video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
};

/** The camera, reading frames until a QR code is read; then it closes and hands the text on. */
export function QrScanner({ onResult, onClose }: { onResult: (text: string) => void; onClose: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [starting, setStarting] = useState(true);
  const handOn = useRef(onResult);
  handOn.current = onResult;

  useEffect(() => {
    if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) {
      setProblem(window.isSecureContext ? messages.deskCameraMissing : messages.deskCameraInsecure);
      setStarting(false);
      return;
    }
    let stopped = false;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };

    void (async () => {
      const decoding = createFrameDecoder(); // loads while the camera opens
      decoding.catch(() => undefined);
      stream = await navigator.mediaDevices.getUserMedia(CONSTRAINTS);
      const el = video.current;
      if (stopped || !el) return stop(); // closed while the camera was opening
      el.srcObject = stream;
      await el.play();
      const decode = await decoding;
      setStarting(false);
      const look = async () => {
        if (stopped) return;
        const text = await decode(el).catch(() => null);
        if (stopped) return;
        if (text) {
          stop();
          handOn.current(text);
        } else timer = setTimeout(() => void look(), FRAME_MS);
      };
      void look();
    })().catch((err: unknown) => {
      if (stopped) return;
      stop();
      setProblem(cameraProblem(err));
      setStarting(false);
    });
    return stop;
  }, []);

  return (
    <div className="desk-scanner" data-testid="desk-scanner">
      {problem ? (
        <Alert type="warning" showIcon title={problem} data-testid="desk-camera-problem" />
      ) : (
        <div className="desk-video-frame">
          <video ref={video} muted playsInline className="desk-video" />
          <div className="desk-video-target" aria-hidden="true" />
          {starting && (
            <div className="desk-video-starting">
              <Spin description={messages.deskCameraStarting} />
            </div>
          )}
        </div>
      )}
      {!problem && <p className="desk-scan-hint">{messages.deskScanHint}</p>}
      <Button block size="large" onClick={onClose} data-testid="desk-scan-stop">
        {messages.deskScanStop}
      </Button>
    </div>
  );
}
