// The page pipeline. A page controller is `@PageController()`; each route says who may open it
// (`@Page('officer')`, `@Page()` for anyone signed in, `@PublicPage()`); the PageGuard decides before
// any body is read (sign in, or the 403 page), then reads the form and checks its CSRF token.
// Handlers take `@PageCtx() page` and the actor, call one service method, and return a PageResult
// (`view(html)`, `redirectTo(path)`, `json(body)`, `script(source)`); forms go through `submitForm`.
// Reads go through service methods that check access and record staff reads: no SQL in pages.
export { PAGE_ACCESS, PageAccess } from './page-access';
export { Page, PageController, PublicPage } from './page.decorator';
export { PageCtx, Secure } from './page-context.decorator';
export { PageCookie, PageResult, json, redirectTo, script, stylesheet, view, withCookie } from './page-result';
export { SignInRequired } from './sign-in-required';
export { FormSubmission, noticeOf, Refusal, submitForm } from './submit-form';
export { WantsJson } from './wants-json.decorator';
