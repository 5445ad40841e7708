/**
 * Progressive enhancement of the application form's pages, served at /assets/apply.js (the
 * Content-Security-Policy refuses inline scripts). Without it every page works the same, through
 * its buttons.
 * - Autosave: on a form marked data-autosave, what is typed is posted in the background a moment
 *   after the typing stops, to the form's own address with Accept: application/json; the route
 *   answers {version, savedAt}, the form takes the new version, and "Saved at 14:32" is announced.
 *   A save by someone else meanwhile (409) stops autosaving: the Save buttons then show the
 *   conflict with everything typed kept.
 * - The budget's total follows the amounts as they are typed, read as parseMoney in
 *   forms/money.ts reads them (keep the two alike; apply.script.spec.ts checks), and is announced politely.
 */
export const APPLY_SCRIPT = `(function () {
  var form = document.querySelector('form[data-autosave="on"]');
  if (form) autosave(form);
  var total = document.getElementById('budget-total');
  if (total) liveTotal(total);

  function autosave(form) {
    var status = document.getElementById('autosave-status');
    var version = form.querySelector('input[name="version"]');
    var clock = new Intl.DateTimeFormat(document.documentElement.lang, { hour: 'numeric', minute: '2-digit', timeZone: 'America/Toronto' });
    var timer = null, inFlight = null, dirty = false, stopped = false;
    // What the fields held when last saved: moving focus (change) after typing (input) saves once.
    var saved = snapshot();

    function snapshot() {
      var fields = new URLSearchParams(new FormData(form));
      fields.delete('version');
      fields.delete('_csrf');
      return fields.toString();
    }

    function schedule() {
      if (stopped) return;
      dirty = true;
      clearTimeout(timer);
      timer = setTimeout(save, 1500);
    }

    function save(keepalive) {
      timer = null;
      if (stopped || inFlight) return;
      dirty = false;
      var current = snapshot();
      if (current === saved) return;
      var body = new URLSearchParams(new FormData(form));
      body.set('then', 'autosave');
      inFlight = fetch(form.action, {
        method: 'POST',
        credentials: 'same-origin',
        keepalive: keepalive === true,
        headers: { 'Accept': 'application/json', 'Content-Type': 'application/x-www-form-urlencoded', 'x-csrf-token': form.elements._csrf.value },
        body: body.toString()
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (answer) {
          if (response.ok) {
            saved = current;
            version.value = String(answer.version);
            status.textContent = form.getAttribute('data-saved').replace('{time}', clock.format(new Date(answer.savedAt)));
          } else if (response.status === 409) {
            stopped = true;
            status.textContent = form.getAttribute('data-stale');
          } else {
            status.textContent = form.getAttribute('data-failed');
          }
        });
      }, function () {
        status.textContent = form.getAttribute('data-failed');
      }).then(function () {
        inFlight = null;
        if (dirty && !timer) schedule();
      });
    }

    form.addEventListener('input', schedule);
    form.addEventListener('change', schedule);
    // A button pressed while a background save is under way waits for it, to send the new version.
    form.addEventListener('submit', function (event) {
      clearTimeout(timer);
      timer = null;
      dirty = false;
      if (!inFlight) { stopped = true; return; }
      event.preventDefault();
      var submitter = event.submitter;
      inFlight.then(function () { stopped = true; form.requestSubmit(submitter); });
    });
    // Leaving by a link with unsaved typing: one last save that outlives the page.
    window.addEventListener('pagehide', function () {
      if (!stopped && snapshot() !== saved) save(true);
    });
  }

  function liveTotal(total) {
    var min = Number(total.getAttribute('data-min'));
    var max = Number(total.getAttribute('data-max'));
    var money = new Intl.NumberFormat(document.documentElement.lang, { style: 'currency', currency: 'CAD', currencyDisplay: 'narrowSymbol' });
    var timer = null;
    function update() {
      var cents = 0;
      Array.prototype.forEach.call(document.querySelectorAll('input[data-amount]'), function (input) {
        var amount = parseAmountCents(input.value);
        if (amount !== null) cents += amount;
      });
      var template = total.getAttribute(cents >= min && cents <= max ? 'data-in-range' : 'data-out-of-range');
      total.textContent = template.replace('{total}', money.format(cents / 100));
    }
    document.addEventListener('input', function (event) {
      if (!event.target || !event.target.hasAttribute || !event.target.hasAttribute('data-amount')) return;
      clearTimeout(timer);
      timer = setTimeout(update, 300);
    });
  }

  function parseAmountCents(typed) {
    var text = typed.replace(/\\s/g, '').replace(/^\\$|\\$$/g, '');
    if (!/^\\d([\\d.,]*\\d)?$/.test(text)) return null;
    var last = Math.max(text.lastIndexOf('.'), text.lastIndexOf(','));
    var whole = text, fraction = '', decimal = null;
    if (last !== -1 && text.indexOf(text.charAt(last)) === last && text.length - last - 1 <= 2) {
      decimal = text.charAt(last);
      whole = text.slice(0, last);
      fraction = text.slice(last + 1);
    }
    if (!/^\\d+$/.test(whole)) {
      var mark = whole.indexOf(',') !== -1 ? ',' : '.';
      if (mark === decimal || (mark === '.' && decimal !== ',') || (whole.indexOf(',') !== -1 && whole.indexOf('.') !== -1)) return null;
      var groups = whole.split(mark);
      if (!/^\\d{1,3}$/.test(groups[0])) return null;
      for (var i = 1; i < groups.length; i += 1) if (!/^\\d{3}$/.test(groups[i])) return null;
      whole = groups.join('');
    }
    var cents = Number(whole) * 100 + Number((fraction + '00').slice(0, 2));
    return Number.isSafeInteger(cents) ? cents : null;
  }
})();
`;
