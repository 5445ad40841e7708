// The page pipeline. A page controller is `@PageController()`; each route says who may open it
// (`@Page('officer')`, `@Page()` for anyone signed in, `@PublicPage()`); the PageGuard decides before
// any body is read (sign in, or the 403 page), then reads the form and checks its CSRF token. A form
// posted after its session ended keeps what was typed when its route says `keepTyped`; its page
// (`back`) then takes it (KeptFormService.take) to show it again once the person has signed in.
// Handlers take `@PageCtx() page` and the actor, call one service method, and return a PageResult
// (`view(html)`, `redirectTo(path)`, `json(body)`, `script(source)`, `download(name, type, bytes)`, `streamed(name, type, stream)`); forms go through `submitForm`.
// Reads go through service methods that check access and record staff reads: no SQL in pages.
export { keptFormCookie, KeptFormToken } from './kept-form';
export { PAGE_ACCESS, PageAccess } from './page-access';
export { Page, PageController, PublicPage } from './page.decorator';
export { Cookies, PageCtx } from './page-context.decorator';
export { PageCookie, PageResult, download, json, redirectTo, script, streamed, stylesheet, view, withCookie } from './page-result';
export { SignInRequired } from './sign-in-required';
export { FormSubmission, noticeOf, Refusal, submitForm } from './submit-form';
export { WantsJson } from './wants-json.decorator';
