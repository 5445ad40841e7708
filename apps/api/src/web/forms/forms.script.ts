export const FORMS_SCRIPT_PATH = '/assets/forms.js';

/**
 * Progressive enhancement of every page's forms, served as a file on every page (the
 * Content-Security-Policy refuses inline scripts): when a form comes back with problems, focus
 * moves to the error summary at the top, so a screen reader reads the problems first and its
 * links lead to each field. Without JavaScript the summary is still the first thing in the page's
 * main content. Scripts of single areas (autosave, live totals) do only their own part.
 */
export const FORMS_SCRIPT = `(function () {
  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();
})();
`;
