/** One score field of the scoring form as the browser reads it: the criterion's weight and maximum, and what is typed. */
export interface TypedScore {
  weight: number;
  max: number;
  typed: string;
}

/**
 * The weighted total (0–100) of the scores as typed, once every one is a whole number from 0 to its
 * maximum; else null. The same formula as weightedScore in @grants/reviews, and the same reading
 * of a typed score as the score form's. The browser runs this very function: it is serialized into
 * REVIEWER_SCRIPT, so it is self-contained and written in the script's ES5 (reviewer-total.spec.ts
 * holds it against the server's functions).
 */
/* istanbul ignore next: coverage counters put into its body would not exist in the browser */
export function liveWeightedTotal(fields: readonly TypedScore[]): number | null {
  var weighted = 0;
  var weights = 0;
  var complete = fields.length > 0;
  for (var i = 0; i < fields.length; i++) {
    var field = fields[i] as TypedScore;
    var typed = field.typed.trim();
    var score = Number(typed);
    weights += field.weight;
    if (!/^[0-9]{1,6}$/.test(typed) || score > field.max) complete = false;
    else weighted += (score / field.max) * field.weight;
  }
  return complete && weights > 0 ? (weighted / weights) * 100 : null;
}

/**
 * Progressive enhancement of the reviewer's pages, served at /assets/reviewer.js (the
 * Content-Security-Policy refuses inline scripts): the weighted total follows the scores as they
 * are typed (focus on the error summary is forms.js's). Without JavaScript the total is
 * the server's, shown after saving.
 */
export const REVIEWER_SCRIPT = `(function () {
  var liveWeightedTotal = ${liveWeightedTotal.toString()};
  var total = document.getElementById('weighted-total');
  if (!total) return;
  var inputs = Array.prototype.slice.call(document.querySelectorAll('input[data-weight]'));
  var format = new Intl.NumberFormat(document.documentElement.lang, { maximumFractionDigits: 1 });
  function update() {
    var value = liveWeightedTotal(inputs.map(function (input) {
      return { weight: Number(input.getAttribute('data-weight')), max: Number(input.getAttribute('data-max')), typed: input.value };
    }));
    total.textContent = value === null
      ? total.getAttribute('data-incomplete')
      : total.getAttribute('data-complete').replace('{total}', format.format(value));
  }
  inputs.forEach(function (input) { input.addEventListener('input', update); });
})();
`;
