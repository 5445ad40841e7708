import { defineJob } from '@grants/core';
import { IsISO8601, IsString, MaxLength, MinLength } from 'class-validator';

export class SignInLockedPayload {
  /** As typed, normalized; it may have no account. */
  @IsString()
  @MinLength(1)
  @MaxLength(320)
  email!: string;

  /** When the failure that locked the pair happened. */
  @IsISO8601()
  lockedAt!: string;
}

/**
 * A sign-in lock to tell the owner of the address about, done in the worker: the failing request
 * only records it, the same for any address, so its time says nothing of whether an account exists.
 */
export const signInLockedJob = defineJob('sign-in-locked', 'notifications', SignInLockedPayload);
