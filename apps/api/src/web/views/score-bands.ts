import type { RubricCriterion } from '@grants/calls';
import { scoreBands } from '@grants/calls';
import type { OfficialLanguage } from '@grants/core';
import { html, SafeHtml } from '@grants/notifications';
import type { Translate } from '../i18n/i18n';

/** The scores a band covers: "4 to 6", or "10" for a band of one score. */
export function scoreRange(t: Translate, band: { from: number; to: number }): string {
  return band.from === band.to ? String(band.from) : t('rubric.bandRange', { from: band.from, to: band.to });
}

/**
 * What a criterion's scores mean, in the reader's language, as a description list under a title;
 * `id` names it, for the score input's aria-describedby. Nothing when the officer described none.
 */
export function scoreBandList(t: Translate, locale: OfficialLanguage, criterion: RubricCriterion, id: string): SafeHtml | '' {
  const bands = scoreBands(criterion);
  if (bands.length === 0) return '';
  return html`<div id="${id}">
  <p class="ontario-hint"><strong>${t('rubric.bands')}</strong></p>
  <dl class="web-facts">${bands.map((band) => html`<dt>${scoreRange(t, band)}</dt><dd>${band.label[locale]}</dd>`)}</dl>
</div>`;
}
