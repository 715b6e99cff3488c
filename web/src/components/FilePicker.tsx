import { useRef, useState } from 'react';
import { Button } from 'antd';
import { messages } from '../messages.js';

/**
 * A file picker in Vietnamese: a labelled button and the chosen file's name. The browser's own file
 * input (hidden here, still the one that holds the file) would say "Choose file / No file chosen" in
 * the browser's language. `testId` names the hidden input (tests set files on it), `${testId}-button`
 * the button.
 */
export function FilePicker({ accept, testId, onPick, id, buttonLabel = messages.fileChoose }: {
  accept: string;
  testId: string;
  onPick: (file: File | undefined) => void;
  /** The form item's control id: its label focuses the button. */
  id?: string;
  buttonLabel?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [name, setName] = useState<string | null>(null);
  return (
    <div className="file-picker">
      <Button id={id} onClick={() => input.current?.click()} data-testid={`${testId}-button`}>
        {buttonLabel}
      </Button>
      <span className="file-picker-name" data-testid={`${testId}-name`}>
        {name ?? messages.fileNoneChosen}
      </span>
      <input
        ref={input}
        type="file"
        // Inline: antd's form styles show `.ant-form input[type='file']` as a block, over any class of ours.
        style={{ display: 'none' }}
        tabIndex={-1}
        accept={accept}
        data-testid={testId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          setName(file?.name ?? null);
          onPick(file);
        }}
      />
    </div>
  );
}
