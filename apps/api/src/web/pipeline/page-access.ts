import { Role } from '@grants/identity';

export const PAGE_ACCESS = 'grants:page-access';

/** Who may open a page, and where a form sends a signed-out visitor back to after signing in. */
export interface PageAccess {
  signedIn: boolean;
  /** One of these roles, when any are given (else the 403 page). */
  roles: Role[];
  /** The form's page, as a route pattern (`/applications/:id/edit`); the request's own address if absent. */
  back?: string;
  /** Query parameters of the form's address that its page keeps (`next`: where the form leads after). */
  keepQuery?: string[];
  /**
   * A form posted after its session ended keeps what was typed (KeptFormService), for the form's
   * page (`back`) to show again once the person has signed in; that page must take it.
   */
  keepTyped?: boolean;
}
