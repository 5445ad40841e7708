/**
 * The idle-timeout warning: a while before the session ends, a modal dialog says so and offers to
 * stay signed in; at the end, the page goes to sign-in (coming back here after). Before warning
 * and before leaving it asks the server how long is really left: another tab, or a page's
 * autosave, may have kept the session alive. Leaving, it tells the page (`grants:session-ended`). Served as a file (the CSP allows no inline script).
 */
export const SESSION_SCRIPT = `(function () {
  var dialog = document.getElementById('session-warning');
  if (!dialog || typeof dialog.showModal !== 'function' || !window.fetch) return;
  var form = dialog.querySelector('form');
  var announce = document.getElementById('session-status');
  var timers = [];
  function clear() { timers.forEach(clearTimeout); timers = []; }
  function leadFor(seconds) { return Math.min(120, Math.floor(seconds / 3)); }
  // A page's own script (autosave) keeps what is typed before the page goes.
  function expired() {
    document.dispatchEvent(new Event('grants:session-ended'));
    window.location.assign(dialog.getAttribute('data-expired-url'));
  }
  function remaining() {
    return fetch('/session', { credentials: 'same-origin', headers: { accept: 'application/json' } }).then(function (response) {
      if (!response.ok) return 0;
      return response.json().then(function (body) { return body.expiresInSeconds; });
    });
  }
  function schedule(seconds, lead) {
    clear();
    timers.push(setTimeout(warn, Math.max(0, seconds - lead) * 1000));
    timers.push(setTimeout(end, seconds * 1000));
  }
  function warn() {
    remaining().then(function (seconds) {
      var lead = Number(dialog.getAttribute('data-lead'));
      if (seconds > lead + 2) return schedule(seconds, lead);
      if (!dialog.open) dialog.showModal();
    }, function () {});
  }
  function end() {
    remaining().then(function (seconds) {
      if (seconds > 1) {
        if (dialog.open) dialog.close();
        return schedule(seconds, Number(dialog.getAttribute('data-lead')));
      }
      expired();
    }, expired);
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    // At the session's absolute end nothing extends it: the button only closes the warning.
    if (dialog.hasAttribute('data-final')) return dialog.close();
    fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'x-csrf-token': form.elements._csrf.value },
    }).then(function (response) {
      if (!response.ok) throw new Error('not extended');
      return response.json();
    }).then(function (body) {
      dialog.close();
      if (body.expiresInSeconds <= Number(dialog.getAttribute('data-lead')) + 2) dialog.setAttribute('data-final', '');
      announce.textContent = dialog.getAttribute('data-extended');
      schedule(body.expiresInSeconds, Number(dialog.getAttribute('data-lead')));
    }).catch(expired);
  });
  var seconds = Number(dialog.getAttribute('data-expires-in'));
  dialog.setAttribute('data-lead', String(leadFor(seconds)));
  schedule(seconds, leadFor(seconds));
})();
`;
