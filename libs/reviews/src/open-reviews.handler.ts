import { Injectable, OnModuleInit } from '@nestjs/common';
import { OpenWorkRegistry } from '@grants/identity';
import { AssignmentService } from './assignment.service';

/** Hands on a reviewer's unsubmitted reviews when an administrator narrows their access (identity does not know reviews). */
@Injectable()
export class OpenReviewsHandler implements OnModuleInit {
  constructor(
    private readonly registry: OpenWorkRegistry,
    private readonly assignments: AssignmentService,
  ) {}

  onModuleInit(): void {
    this.registry.register((manager, userId, _change, actorId) => this.assignments.handOnOpenReviews(manager, userId, actorId));
  }
}
