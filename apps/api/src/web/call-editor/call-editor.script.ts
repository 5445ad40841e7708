export const CALL_EDITOR_SCRIPT_PATH = '/assets/call-editor.js';

/**
 * Progressive enhancement of the call editor, served as a file (the Content-Security-Policy refuses
 * inline scripts): on the rubric the total of the weights follows what is typed (the rows to remove and a blank new
 * row left out, as when saving: see totalWeight in call-form.ts). Without JavaScript the total is
 * the server's, shown again after saving.
 */
export const CALL_EDITOR_SCRIPT = `(function () {
  var total = document.getElementById('total-weight');
  if (!total) return;
  var form = document.querySelector('form[data-weights]');
  if (!form) return;
  var format = new Intl.NumberFormat(document.documentElement.lang, { maximumFractionDigits: 6 });
  function field(row, name) {
    var input = form.querySelector('[name="criteria-' + row + '-' + name + '"]');
    return input ? input : { value: '', checked: false };
  }
  function update() {
    var sum = 0, known = true;
    Array.prototype.forEach.call(form.querySelectorAll('input[name$="-weight"]'), function (input) {
      var row = input.name.slice('criteria-'.length, -'-weight'.length);
      if (field(row, 'remove').checked) return;
      var typed = input.value.replace(/\\s/g, '');
      if (row === 'new' && ['labelEn', 'labelFr', 'weight', 'maxScore'].every(function (name) { return field(row, name).value.trim() === ''; })) return;
      if (!/^-?[0-9]{1,15}([.,][0-9]{1,6})?$/.test(typed)) { known = false; return; }
      sum += Number(typed.replace(',', '.'));
    });
    total.textContent = known
      ? total.getAttribute('data-known').replace('{total}', format.format(Math.round(sum * 1e6) / 1e6))
      : total.getAttribute('data-unknown');
  }
  form.addEventListener('input', update);
  form.addEventListener('change', update);
})();
`;
