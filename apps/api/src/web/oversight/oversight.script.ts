export const OVERSIGHT_SCRIPT_PATH = '/assets/oversight.js';

/**
 * Progressive enhancement of the officer's award and audit pages, served as a file (the
 * Content-Security-Policy refuses inline scripts): when a form comes back with a problem, focus moves
 * to the error summary, so a screen reader reads it first. Without JavaScript the summary is still
 * the first thing in the page's main content.
 */
export const OVERSIGHT_SCRIPT = `(function () {
  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();
})();
`;
