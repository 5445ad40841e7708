/**
 * Progressive enhancement of the reviewer's pages, served at /assets/reviewer.js (the
 * Content-Security-Policy refuses inline scripts): the weighted total follows the scores as they
 * are typed (focus on the error summary is forms.js's). Without JavaScript the total is
 * the server's, shown after saving. Same formula as weightedScore in @grants/reviews.
 */
export const REVIEWER_SCRIPT = `(function () {
  var total = document.getElementById('weighted-total');
  if (!total) return;
  var inputs = Array.prototype.slice.call(document.querySelectorAll('input[data-weight]'));
  var format = new Intl.NumberFormat(document.documentElement.lang, { maximumFractionDigits: 1 });
  function update() {
    var weighted = 0, weights = 0, complete = inputs.length > 0;
    inputs.forEach(function (input) {
      var weight = Number(input.getAttribute('data-weight'));
      var max = Number(input.getAttribute('data-max'));
      var typed = input.value.trim();
      var score = Number(typed);
      weights += weight;
      if (!/^[0-9]{1,6}$/.test(typed) || score > max) { complete = false; return; }
      weighted += score / max * weight;
    });
    total.textContent = complete && weights > 0
      ? total.getAttribute('data-complete').replace('{total}', format.format(weighted / weights * 100))
      : total.getAttribute('data-incomplete');
  }
  inputs.forEach(function (input) { input.addEventListener('input', update); });
})();
`;
