import type { PageCookie } from './page-result';

/** A page for signed-in people was asked for without a session: the pipeline sends the visitor to sign in. */
export class SignInRequired extends Error {
  constructor(
    /** Where to come back after signing in: the page itself, or for a form, the form's page. */
    readonly next: string,
    /** What the form held was kept for the person to find there (the sign-in page says so), with the cookie that binds it to this browser, if any. */
    readonly kept: { cookies: PageCookie[] } | null = null,
  ) {
    super('Sign in to continue');
  }

  /** The session had reached its absolute end (WEB_SESSION_MAX_HOURS), which the sign-in page says rather than "idle". */
  outlived = false;
}
