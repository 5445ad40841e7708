import { OfficeContact } from '@grants/core';
import { html, SafeHtml } from './html';

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

interface LocalizedContent {
  subject: string;
  /** Paragraphs of the body; the same words feed the plain-text and the HTML part. */
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Shown under the action, e.g. how long a link stays valid. */
  note?: string;
}

/** What every email may say besides its own data, taken from the configuration when it is sent. */
export interface EmailContext {
  contact: OfficeContact;
}

/** A template is a function per language from typed data to content; the layout is shared. */
export type EmailTemplate<D> = Record<Locale, (data: D, context: EmailContext) => LocalizedContent>;

/** French typography puts a space before a colon. */
const COLON: Record<Locale, string> = { en: ': ', fr: ' : ' };

const FOOTER: Record<Locale, { notice: string; contact: [before: string, between: string, after: string] }> = {
  en: {
    notice: 'Ontario Anti-Human Trafficking Grants. This message was sent automatically; replies are not read.',
    contact: ['To contact the program office, write to ', ' or call ', '.'],
  },
  fr: {
    notice: 'Subventions de l’Ontario pour la lutte contre la traite des personnes. Ce message a été envoyé automatiquement; les réponses ne sont pas lues.',
    contact: ['Pour communiquer avec le bureau du programme, écrivez à ', ' ou composez le ', '.'],
  },
};

export function renderEmail<D>(template: EmailTemplate<D>, locale: Locale, data: D, context: EmailContext): RenderedEmail {
  const content = template[locale](data, context);
  const { notice, contact: [before, between, after] } = FOOTER[locale];
  const { email, phone } = context.contact;
  const text = [
    ...content.paragraphs,
    ...(content.action ? [`${content.action.label}${COLON[locale]}${content.action.url}`] : []),
    ...(content.note ? [content.note] : []),
    '--',
    `${notice} ${before}${email}${between}${phone}${after}`,
  ].join('\n\n');
  const footer = html`${notice} ${before}<a href="mailto:${email}">${email}</a>${between}<a href="tel:${phone.replace(/[^0-9+]/g, '')}">${phone}</a>${after}`;
  return { subject: content.subject, text, html: layout(locale, content, footer).value };
}

function layout(locale: Locale, content: LocalizedContent, footer: SafeHtml): SafeHtml {
  const action = content.action
    ? html`<p><a href="${content.action.url}" style="display:inline-block;padding:12px 20px;background:#0066cc;color:#ffffff;font-weight:600;text-decoration:none;border-radius:4px">${content.action.label}</a></p>
<p style="font-size:14px">${content.action.url}</p>`
    : '';
  return html`<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><title>${content.subject}</title></head>
<body style="margin:0;padding:0;font-family:'Open Sans',Arial,sans-serif;color:#1a1a1a;line-height:1.5">
<div style="background:#1a1a1a;color:#ffffff;padding:16px 24px;font-size:20px;font-weight:700">Ontario</div>
<main style="padding:24px;max-width:640px">
<h1 style="font-size:24px">${content.subject}</h1>
${content.paragraphs.map((paragraph) => html`<p>${paragraph}</p>`)}
${action}
${content.note ? html`<p style="font-size:14px;color:#4d4d4d">${content.note}</p>` : ''}
</main>
<footer style="padding:16px 24px;font-size:13px;color:#4d4d4d;border-top:1px solid #cccccc">${footer}</footer>
</body>
</html>`;
}
