import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** Why a person's access narrowed: their account was disabled, or a role or a review panel was taken away. */
export type AccessChange = { kind: 'disabled' } | { kind: 'role_removed'; role: string } | { kind: 'panel_removed'; panel: string };

/**
 * Work a person holds elsewhere that may no longer fit once their access narrows (a reviewer's
 * open assignments). Handlers run in the transaction of the change, after the account row has
 * its new roles, panels or disabled state; actorId is the administrator who made the change. A
 * handler answers how many pieces of work it took from the person.
 */
export type OpenWorkHandler = (manager: EntityManager, userId: string, change: AccessChange, actorId: string) => Promise<number>;

/**
 * Lets the libs that hold a person's work (reviews) hand it on when access ends, without
 * identity depending on them: they register a handler when their module starts.
 */
@Injectable()
export class OpenWorkRegistry {
  private readonly handlers: OpenWorkHandler[] = [];

  register(handler: OpenWorkHandler): void {
    this.handlers.push(handler);
  }

  /** Runs every handler in turn; answers how much work was taken from the person in all. */
  async accessNarrowed(manager: EntityManager, userId: string, change: AccessChange, actorId: string): Promise<number> {
    let handedOn = 0;
    for (const handler of this.handlers) handedOn += await handler(manager, userId, change, actorId);
    return handedOn;
  }
}
