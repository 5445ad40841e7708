import { Injectable } from '@nestjs/common';
import { HandlesJob, JobHandler } from '@grants/core';
import { AuthService } from './auth.service';
import { PasswordResetRequestPayload, passwordResetRequestJob } from './password-reset-request.job';

@Injectable()
@HandlesJob(passwordResetRequestJob)
export class PasswordResetRequestHandler implements JobHandler<PasswordResetRequestPayload> {
  constructor(private readonly auth: AuthService) {}

  handle({ email, requestId }: PasswordResetRequestPayload): Promise<void> {
    return this.auth.sendPasswordReset(email, requestId);
  }
}
