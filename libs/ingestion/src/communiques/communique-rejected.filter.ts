import { Catch, PayloadTooLargeException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { CommuniqueRejected, MAX_COMMUNIQUE_BYTES, type RejectionReason } from '../normalise';

const STATUS: Record<RejectionReason, number> = {
  empty: 400,
  binary: 400,
  'too-large': 413,
  'unsupported-type': 415,
  'no-paragraph': 422,
  'too-long': 422,
};

/** A refused communiqué → `{ statusCode, message }` with the status of its reason; multer's 413 → the same, in French. */
@Catch(CommuniqueRejected, PayloadTooLargeException)
export class CommuniqueRejectedFilter implements ExceptionFilter {
  catch(error: CommuniqueRejected | PayloadTooLargeException, host: ArgumentsHost): void {
    const [statusCode, message] =
      error instanceof CommuniqueRejected
        ? [STATUS[error.reason], error.message]
        : [413, `Fichier trop volumineux : ${MAX_COMMUNIQUE_BYTES / 1024 / 1024} Mo au plus.`];
    host.switchToHttp().getResponse<Response>().status(statusCode).json({ statusCode, message });
  }
}
