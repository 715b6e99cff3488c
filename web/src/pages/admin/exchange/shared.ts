import { ApiError } from '../../../api.js';
import { messages } from '../../../messages.js';

/** The problem's detail, or the generic error. */
export const errorText = (err: unknown) => (err instanceof ApiError ? err.detail : messages.genericError);
