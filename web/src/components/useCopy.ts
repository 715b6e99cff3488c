import { App } from 'antd';
import { messages } from '../messages.js';

/** Copies a text to the clipboard and says whether it worked (a secret shown once, a presentation, a key). */
export function useCopy(texts: { copied: string; failed: string } = { copied: messages.ssoCopied, failed: messages.genericError }) {
  const { message } = App.useApp();
  return async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      void message.success(texts.copied);
    } catch {
      void message.error(texts.failed);
    }
  };
}
