import { defineJob } from '@grants/core';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class PasswordResetRequestPayload {
  /** As typed, normalized; it may have no account. */
  @IsString()
  @MinLength(1)
  @MaxLength(320)
  email!: string;

  /** One per request: the email it sends, if any, is keyed by it. */
  @IsUUID()
  requestId!: string;
}

/**
 * A password-reset request, done in the worker: the request itself only records it, the same for
 * any address, so its answer and its time say nothing of which addresses have an account.
 */
export const passwordResetRequestJob = defineJob('password-reset-request', 'notifications', PasswordResetRequestPayload);
