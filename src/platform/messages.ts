import { fill } from './errors.js';

/**
 * Text the server itself sends to people, other than errors (errors.ts): each module defines its own
 * catalogue with this, in its `messages.ts`, and lists it in its descriptor.
 */
export function defineMessages<const T extends Record<string, string>>(texts: T) {
  return {
    texts,
    text: (key: keyof T, params: Record<string, unknown> = {}): string => fill(texts[key], params),
  };
}
