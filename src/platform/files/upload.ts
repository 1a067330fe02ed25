import { AppError } from '../errors.js';
import { safeFileName } from './disposition.js';
import { MAX_ATTACHMENT_BYTES, sniffAttachment, type AttachmentKind } from './types.js';

export interface AcceptedUpload {
  /** the name made safe for storage and download headers */
  readonly fileName: string;
  readonly kind: AttachmentKind;
  readonly mediaType: string;
}

/**
 * The checks every uploaded attachment passes before it is stored: the size limit, then the type
 * decided by the bytes (a renamed executable is refused). Throws the bilingual 413 or 415.
 */
export function acceptUpload(upload: { fileName: string; bytes: Uint8Array }): AcceptedUpload {
  if (upload.bytes.length > MAX_ATTACHMENT_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', 413, `附件不能超过${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`, 'The attachment is too large');
  }
  const fileName = safeFileName(upload.fileName);
  const sniffed = sniffAttachment(upload.bytes, fileName);
  if (!sniffed.ok) throw new AppError(sniffed.code, 415, sniffed.zh, sniffed.en);
  return { fileName, kind: sniffed.kind, mediaType: sniffed.mediaType };
}
