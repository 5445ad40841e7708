export const ADMIN_SCRIPT_PATH = '/assets/admin.js';

/**
 * Progressive enhancement of the staff account form, served as a file (the Content-Security-Policy
 * refuses inline scripts): when the form comes back with a problem, focus moves to the error
 * summary. Without JavaScript the summary is still the first thing in the page's main content.
 */
export const ADMIN_SCRIPT = `(function () {
  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();
})();
`;
