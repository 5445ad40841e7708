/** A page for signed-in people was asked for without a session: the pipeline sends the visitor to sign in. */
export class SignInRequired extends Error {
  constructor(
    /** Where to come back after signing in: the page itself, or for a form, the form's page. */
    readonly next: string,
  ) {
    super('Sign in to continue');
  }
}
