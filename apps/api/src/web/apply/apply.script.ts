/**
 * Progressive enhancement of the application form's pages, served at /assets/apply.js (the
 * Content-Security-Policy refuses inline scripts). Without it every page works the same, through
 * its buttons.
 * - Autosave: on a form marked data-autosave, what is typed is posted in the background a moment
 *   after the typing stops, to the form's own address with Accept: application/json; the route
 *   answers {version, savedAt}, the form takes the new version, and "Saved at 14:32" is announced.
 *   A save by someone else meanwhile (409) stops autosaving: the Save buttons then show the
 *   conflict with everything typed kept. The time is written as the server writes it (libs/core
 *   formatInstant): "9:05 a.m.", "9 h 05" (French drops the hour's leading zero; Intl does not).
 * - The session's end (401, or session.js going to sign in): what is typed is kept in this tab
 *   (sessionStorage, under the page's path, with the account it was typed for), the page says so
 *   with a link to sign in and come back. Back on the page as that account, the fields are filled
 *   in from it and the page says so; the copy goes once saved (by autosave or a button). Another
 *   account signing in in this tab never sees it: it is dropped. A form sent with a button after
 *   the end is kept by the server instead (PageGuard), so the tab's copy goes at submit.
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
    var lang = document.documentElement.lang;
    var timer = null, inFlight = null, dirty = false, stopped = false, signedOut = false;
    // What the fields held when last saved: moving focus (change) after typing (input) saves once.
    var saved = snapshot();
    var keptKey = 'grants:kept:' + location.pathname;
    restoreKept();

    function snapshot() {
      var fields = new URLSearchParams(new FormData(form));
      fields.delete('version');
      fields.delete('_csrf');
      return fields.toString();
    }

    // sessionStorage may be refused (private modes, storage off): the page then works as before.
    function keep() {
      var fields = new URLSearchParams(new FormData(form));
      fields.delete('_csrf');
      try { sessionStorage.setItem(keptKey, JSON.stringify({ account: form.getAttribute('data-account'), fields: fields.toString() })); } catch (error) {}
    }
    function forget() {
      try { sessionStorage.removeItem(keptKey); } catch (error) {}
    }
    function restoreKept() {
      var kept = null;
      try { kept = JSON.parse(sessionStorage.getItem(keptKey) || 'null'); } catch (error) {}
      if (!kept) return;
      if (kept.account !== form.getAttribute('data-account')) return forget();
      var fields = new URLSearchParams(kept.fields), seen = {};
      Array.prototype.forEach.call(form.elements, function (element) {
        var name = element.name;
        if (!name || name === '_csrf' || element.type === 'file' || element.type === 'submit' || element.type === 'button') return;
        var values = fields.getAll(name);
        if (element.type === 'checkbox' || element.type === 'radio') { element.checked = values.indexOf(element.value) !== -1; return; }
        seen[name] = (seen[name] || 0) + 1;
        if (values.length >= seen[name]) element.value = values[seen[name] - 1];
      });
      // Said where the server's notices are, as the page says it without JavaScript.
      var notice = document.createElement('div'), body = document.createElement('div'), text = document.createElement('p');
      notice.className = 'ontario-alert ontario-alert--informational';
      notice.setAttribute('role', 'status');
      body.className = 'ontario-alert__body';
      text.textContent = form.getAttribute('data-restored');
      body.appendChild(text);
      notice.appendChild(body);
      var main = document.getElementById('main-content');
      main.insertBefore(notice, main.querySelector('h1'));
    }

    // Told plainly, with the way back: signing in returns to this page, where the tab's copy is put back.
    function showSignedOut() {
      signedOut = true;
      keep();
      var link = document.createElement('a');
      link.href = '/sign-in?notice=kept&next=' + encodeURIComponent(location.pathname);
      link.textContent = form.getAttribute('data-sign-in');
      status.textContent = form.getAttribute('data-signed-out') + ' ';
      status.appendChild(link);
    }

    function schedule() {
      if (signedOut) return keep();
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
            forget();
            status.textContent = form.getAttribute('data-saved').replace('{time}', clockTime(lang, new Date(answer.savedAt)));
          } else if (response.status === 401) {
            showSignedOut();
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
      if (!inFlight) { stopped = true; forget(); return; }
      event.preventDefault();
      var submitter = event.submitter;
      inFlight.then(function () { stopped = true; form.requestSubmit(submitter); });
    });
    // Leaving by a link with unsaved typing: one last save that outlives the page.
    window.addEventListener('pagehide', function () {
      if (!stopped && !signedOut && snapshot() !== saved) save(true);
    });
    // session.js is about to go to sign in: the session has ended, so unsaved typing is kept here.
    document.addEventListener('grants:session-ended', function () {
      if (snapshot() !== saved) { signedOut = true; keep(); }
    });
  }

  function clockTime(lang, instant) {
    var parts = new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit', timeZone: 'America/Toronto' }).formatToParts(instant);
    return parts.map(function (part) { return part.type === 'hour' ? String(Number(part.value)) : part.value; }).join('');
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
