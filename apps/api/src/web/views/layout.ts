import { html, SafeHtml } from '@grants/notifications';
import { FORMS_SCRIPT_PATH } from '../forms/forms.script';
import { MessageKey } from '../i18n/i18n';
import { PageContext } from '../page-context';
import { stackTables } from './table';

export interface PageOptions {
  title: string;
  body: SafeHtml;
  /** A message shown above the content, e.g. after an action succeeded. */
  notice?: { kind: 'success' | 'informational'; text: string } | null;
}

/**
 * A notice from the catalog: a success, but for a form filled in again as typed before the session
 * ended (`form.restored`, PageContext.typedOr), which is only information.
 */
export function catalogNotice(page: PageContext, key: MessageKey | null | undefined): NonNullable<PageOptions['notice']> | null {
  return key ? { kind: key === 'form.restored' ? 'informational' : 'success', text: page.t(key) } : null;
}

/** The office's email and phone as links, after the words that lead to them: "… write to {email} or call {phone}." */
export function officeContact(page: PageContext, writeTo: MessageKey, linkClass?: string): SafeHtml {
  const { email, phone } = page.contact;
  const linkClassAttribute = linkClass ? html` class="${linkClass}"` : '';
  return html`${page.t(writeTo)} <a${linkClassAttribute} href="mailto:${email}">${email}</a> ${page.t('site.contact.orCall')} <a${linkClassAttribute} href="tel:${phone.replace(/[^0-9+]/g, '')}">${phone}</a>.`;
}

/** The shell every page shares: Ontario header with the language switch, menu, main, footer. */
export function layout(page: PageContext, options: PageOptions): string {
  const { t, locale, actor } = page;
  const other = locale === 'en' ? 'fr' : 'en';
  const notice = options.notice
    ? html`<div class="ontario-alert ontario-alert--${options.notice.kind}" role="status"><div class="ontario-alert__body"><p>${options.notice.text}</p></div></div>`
    : '';
  const link = (href: string, key: MessageKey): SafeHtml => html`<li><a href="${href}"${page.path.split('?')[0] === href ? html` aria-current="page"` : ''}>${t(key)}</a></li>`;
  const staff = actor !== null && (actor.roles.includes('officer') || actor.roles.includes('admin'));
  const approver = actor !== null && actor.roles.includes('approver');
  const menu = actor
    ? html`${staff || approver ? '' : html`${link('/applications', 'nav.applications')}${link('/organizations', 'nav.organizations')}`}
        ${actor.roles.includes('reviewer') ? link('/reviews', 'reviewer.nav') : ''}
        ${actor.roles.includes('officer') ? html`${link('/officer/dashboard', 'nav.officer.dashboard')}${link('/officer/calls', 'nav.officer.calls')}${link('/officer/applications', 'nav.officer.applications')}${link('/officer/awards', 'nav.officer.awards')}${link('/officer/exports', 'nav.officer.exports')}` : ''}
        ${actor.roles.includes('officer') || approver ? link('/officer/payments', 'nav.payments') : ''}
        ${approver ? link('/agreements', 'nav.agreements') : ''}
        ${staff ? link('/officer/audit', 'nav.officer.audit') : ''}
        ${actor.roles.includes('admin') ? link('/admin/staff', 'nav.admin.staff') : ''}
        ${actor.roles.includes('admin') ? link('/admin/funds', 'admin.nav.funds') : ''}
        <li><form method="post" action="/sign-out" class="web-inline-form">${page.csrfField}<button type="submit" class="ontario-button ontario-button--tertiary">${t('site.signOut')}</button></form></li>`
    : link('/sign-in', 'site.signIn');
  return html`<!doctype html>
<html lang="${locale === 'fr' ? 'fr-CA' : 'en-CA'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} | ${t('site.name')}</title>
<link rel="icon" href="/assets/ods/favicons/favicon.ico">
<link rel="stylesheet" href="/assets/ods/styles/css/compiled/ontario-theme.min.css">
<link rel="stylesheet" href="/assets/ods-components.css">
<link rel="stylesheet" href="/assets/web.css">
<script src="${FORMS_SCRIPT_PATH}" defer></script>
${actor?.sessionSecondsLeft !== undefined ? html`<script src="/assets/session.js" defer></script>` : ''}
</head>
<body>
<a class="ontario-show-on-focus" href="#main-content">${t('site.skip')}</a>
<header class="ontario-application-header ontario-header" id="ontario-header">
  <div class="ontario-row">
    <div class="ontario-columns ontario-small-6 ontario-application-header__logo">
      <a href="https://www.ontario.ca/"><img src="/assets/ods/components/ontario-header/assets/ontario-logo--desktop.svg" alt="${t('site.ontario')}"></a>
    </div>
    <div class="ontario-columns ontario-small-6 ontario-application-header__lang-toggle">
      <a class="ontario-header-button ontario-header-button--without-outline" href="/language?to=${other}&amp;next=${encodeURIComponent(page.path)}" lang="${other}" hreflang="${other}" aria-label="${t('site.language.switchLabel')}">${t('site.language.switch')}</a>
    </div>
  </div>
</header>
<div class="ontario-application-subheader">
  <div class="ontario-row">
    <div class="ontario-columns ontario-small-12 ontario-application-subheader__container">
      <p class="ontario-application-subheader__heading"><a href="/">${t('site.name')}</a></p>
    </div>
  </div>
</div>
<nav class="ontario-row web-menu" aria-label="${t('nav.label')}">
  <ul>
    ${link('/', 'nav.calls')}
    ${menu}
  </ul>
  ${actor ? html`<p class="web-menu__who">${t('site.signedInAs', { name: actor.name })}</p>` : ''}
</nav>
<main id="main-content" class="ontario-row" tabindex="-1">
${notice}
<h1>${options.title}</h1>
${stackTables(options.body)}
</main>
${actor?.sessionSecondsLeft !== undefined ? sessionWarning(page, actor.sessionSecondsLeft, actor.sessionAtMaxLifetime === true) : ''}
<footer class="ontario-footer ontario-footer--default">
  <div class="ontario-row"><div class="ontario-columns ontario-small-12"><p class="ontario-footer__paragraph">${t('site.program')}. ${t('site.footer')}</p>
    <p class="ontario-footer__paragraph">${officeContact(page, 'site.contact.writeTo', 'ontario-footer__link')}</p></div></div>
</footer>
</body>
</html>`.value;
}

/**
 * The idle-timeout warning (shown by session.js; without JavaScript the session still ends on the
 * server). Its form works without the script too: it extends the session and comes back here. At
 * the session's absolute end (`final`) nothing extends it: the warning says so, and its button
 * only closes it.
 */
function sessionWarning(page: PageContext, secondsLeft: number, final: boolean): SafeHtml {
  const { t } = page;
  const expiredUrl = `/sign-in?notice=${final ? 'lifetime' : 'expired'}&next=${encodeURIComponent(page.path)}`;
  return html`<p id="session-status" class="ontario-show-for-sr" aria-live="polite"></p>
<dialog id="session-warning" class="web-dialog" aria-labelledby="session-warning-title" aria-describedby="session-warning-body" data-expires-in="${secondsLeft}" data-expired-url="${expiredUrl}" data-extended="${t('session.extended')}"${final ? html` data-final` : ''}>
  <h2 id="session-warning-title" class="ontario-h4">${t('session.warning.title')}</h2>
  <p id="session-warning-body">${t(final ? 'session.final.body' : 'session.warning.body')}</p>
  <form method="post" action="/session/extend">
    ${page.csrfField}
    <input type="hidden" name="next" value="${page.path}">
    <button type="submit" class="ontario-button ontario-button--primary" autofocus>${t(final ? 'session.final.ok' : 'session.extend')}</button>
  </form>
</dialog>`;
}
