import { Injectable } from '@nestjs/common';
import { HandlesJob, JobHandler } from '@grants/core';
import { AuthService } from './auth.service';
import { SignInLockedPayload, signInLockedJob } from './sign-in-locked.job';

@Injectable()
@HandlesJob(signInLockedJob)
export class SignInLockedHandler implements JobHandler<SignInLockedPayload> {
  constructor(private readonly auth: AuthService) {}

  handle({ email, lockedAt }: SignInLockedPayload): Promise<void> {
    return this.auth.tellOwnerOfLock(email, new Date(lockedAt));
  }
}
