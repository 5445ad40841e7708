/**
 * Progressive enhancement of the officer's application page, served at /assets/screening.js (the
 * Content-Security-Policy refuses inline scripts): after a refused form, focus moves to the error
 * summary at the top, whose links lead to each field. Without JavaScript the summary is still the
 * first thing in the page's main content.
 */
export const SCREENING_SCRIPT = `(function () {
  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();
})();
`;
