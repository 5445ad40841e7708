import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock } from '@grants/core';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../roles';
import { hashSecretToken, newSecretToken } from './secret-token';

/** How long what was typed is kept for its owner to sign in again. */
export const KEPT_FORM_SECONDS = 3600;
/** A form holding more text than this (200 KB, as JSON) is not kept: the person is still sent to sign in. */
export const KEPT_FORM_MAX_BYTES = 200 * 1024;
/** Copies kept per account or browser token, the newest: an anonymous token could otherwise fill the table. */
export const KEPT_FORMS_PER_OWNER = 5;
/**
 * Copies bound to browser tokens, all browsers together: a client that drops the cookie gets a new
 * token at every post, so the per-owner limit alone would not bound the table. Beyond this, a form
 * posted without any session cookie is not kept (the person is still sent to sign in).
 */
export const KEPT_BROWSER_FORMS_MAX = 1000;

/** A form's fields as the browser posted them: a string per field, an array when a name repeats. */
export type KeptFields = Record<string, string | string[]>;

export interface FormToKeep {
  /** The session cookie the browser still carries, whose session has ended; null when it carries none. */
  sessionToken: string | null;
  /** The kept-form cookie of this browser, when it has one from an earlier keep. */
  browserToken: string | null;
  /** The page the form is on (its address; a query is ignored). */
  formPath: string;
  fields: KeptFields;
}

/**
 * What was typed into a form posted after its session had ended (expired, idle, or signed out
 * elsewhere), kept for an hour and given back once, on the form's page, to the account it belongs
 * to. The ended session's cookie says whose it is. A browser that carries no session cookie any
 * more (signed out in another tab) gets a random token instead, and the copy goes to whoever signs
 * in next in that browser; nobody else ever gets it.
 */
@Injectable()
export class KeptFormService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Keeps the fields, replacing an earlier copy of the same page and dropping the owner's oldest
   * beyond KEPT_FORMS_PER_OWNER; returns the browser's token when the copy is bound to it, or null
   * when the form is too large to keep (KEPT_FORM_MAX_BYTES) or too many browsers have copies
   * (KEPT_BROWSER_FORMS_MAX).
   */
  async keep(form: FormToKeep): Promise<{ browserToken: string | null } | null> {
    const fields = JSON.stringify(form.fields);
    if (Buffer.byteLength(fields) > KEPT_FORM_MAX_BYTES) return null;
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + KEPT_FORM_SECONDS * 1000);
    const formPath = pathOf(form.formPath);
    await this.dataSource.query(`DELETE FROM kept_form WHERE expires_at <= $1`, [now]);
    const userId = form.sessionToken ? await this.ownerOfSession(form.sessionToken) : null;
    if (userId) {
      await this.store({ column: 'user_id', value: userId }, formPath, fields, expiresAt);
      return { browserToken: null };
    }
    const [{ count }] = (await this.dataSource.query(`SELECT count(*)::int AS count FROM kept_form WHERE browser_token_hash IS NOT NULL`)) as Array<{ count: number }>;
    if (count >= KEPT_BROWSER_FORMS_MAX) return null;
    const browserToken = form.browserToken ?? newSecretToken().token;
    await this.store({ column: 'browser_token_hash', value: hashSecretToken(browserToken) }, formPath, fields, expiresAt);
    return { browserToken };
  }

  /** At a sign-in in a browser whose copies are bound to its token: they become the account's (a newer one replacing the account's own). */
  async claim(userId: string, browserToken: string): Promise<void> {
    const hash = hashSecretToken(browserToken);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `DELETE FROM kept_form mine USING kept_form browser WHERE browser.browser_token_hash = $1 AND mine.user_id = $2 AND mine.form_path = browser.form_path`,
        [hash, userId],
      );
      await manager.query(`UPDATE kept_form SET user_id = $2, browser_token_hash = NULL WHERE browser_token_hash = $1`, [hash, userId]);
      await keepNewest(manager, { column: 'user_id', value: userId });
    });
  }

  /** The actor's copy of this page's form, deleted as it is read (a page shows it once); null when there is none. */
  async take(actor: Actor, formPath: string): Promise<KeptFields | null> {
    const rows = (await this.dataSource.query(`DELETE FROM kept_form WHERE user_id = $1 AND form_path = $2 RETURNING fields, expires_at`, [actor.userId, pathOf(formPath)])) as [
      Array<{ fields: KeptFields; expires_at: Date }>,
      number,
    ];
    const row = rows[0][0];
    return row && row.expires_at > this.clock.now() ? row.fields : null;
  }

  /** One copy per owner and page (a later post replaces the earlier one), and only the owner's newest few. */
  private async store(owner: Owner, formPath: string, fields: string, expiresAt: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO kept_form (${owner.column}, form_path, fields, expires_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (${owner.column}, form_path) WHERE ${owner.column} IS NOT NULL DO UPDATE SET fields = EXCLUDED.fields, created_at = now(), expires_at = EXCLUDED.expires_at`,
        [owner.value, formPath, fields, expiresAt],
      );
      await keepNewest(manager, owner);
    });
  }

  /** Whose web session this cookie was, whatever its state: it is only asked about sessions that have ended. */
  private async ownerOfSession(sessionToken: string): Promise<string | null> {
    const [row] = (await this.dataSource.query(`SELECT user_id FROM session WHERE token_hash = $1 AND kind = 'web'`, [hashSecretToken(sessionToken)])) as Array<{ user_id: string }>;
    return row?.user_id ?? null;
  }
}

/** Whose copies: an account's, or a browser token's (by its hash). */
type Owner = { column: 'user_id'; value: string } | { column: 'browser_token_hash'; value: Buffer };

/** Drops the owner's copies beyond the newest KEPT_FORMS_PER_OWNER. */
async function keepNewest(manager: EntityManager, owner: Owner): Promise<void> {
  await manager.query(
    `DELETE FROM kept_form WHERE id IN (SELECT id FROM kept_form WHERE ${owner.column} = $1 ORDER BY created_at DESC, id OFFSET $2)`,
    [owner.value, KEPT_FORMS_PER_OWNER],
  );
}

function pathOf(address: string): string {
  const end = address.search(/[?#]/);
  return end === -1 ? address : address.slice(0, end);
}
