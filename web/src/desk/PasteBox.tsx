import { forwardRef, useState } from 'react';
import { Button, Input, type GetRef } from 'antd';
import { messages } from '../messages.js';

/** A phone or tablet: focusing the box would only pop the keyboard up over the page. */
const coarsePointer = () => window.matchMedia?.('(pointer: coarse)').matches ?? false;

export type PasteBoxRef = GetRef<typeof Input.TextArea>;

/**
 * The other way in: paste the QR text, or let a handheld scanner type it (scanners end with Enter,
 * which checks at once; Shift+Enter adds a line).
 */
export const PasteBox = forwardRef<PasteBoxRef, { busy: boolean; onCheck: (text: string) => void }>(function PasteBox({ busy, onCheck }, ref) {
  const [text, setText] = useState('');
  function check() {
    if (!text.trim() || busy) return;
    onCheck(text);
    setText('');
  }
  return (
    <div className="desk-paste">
      <label className="desk-paste-label" htmlFor="desk-paste">
        {messages.deskPasteLabel}
      </label>
      <Input.TextArea
        id="desk-paste"
        ref={ref}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            check();
          }
        }}
        autoSize={{ minRows: 2, maxRows: 5 }}
        placeholder={messages.deskPastePlaceholder}
        autoFocus={!coarsePointer()}
        autoComplete="off"
        autoCorrect="off"
        spellCheck={false}
        className="mono"
        data-testid="desk-paste"
      />
      <Button size="large" block onClick={check} loading={busy} disabled={!text.trim()} data-testid="desk-check">
        {busy ? messages.deskChecking : messages.deskCheck}
      </Button>
    </div>
  );
});
