/**
 * Progressive enhancement of the organization and report pages, served at /assets/organization.js
 * (the Content-Security-Policy refuses inline scripts): after a refused form, focus moves to the
 * error summary so a screen reader reads the problems first. Without JavaScript the summary is
 * still the first thing in the page's content.
 */
export const ORGANIZATION_SCRIPT = `(function () {
  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();
})();
`;
