/**
 * Progressive enhancement of the release page: fetches the page again every second and puts its
 * bar, counts, status and the letters being retried in place, so the words change with the bar (in
 * the page's language, as the server wrote them); once the release is over it reloads, for the
 * failures and the retry.
 * Without JavaScript the page has a Refresh link. Served as a file because the
 * Content-Security-Policy refuses inline scripts.
 */
export const RELEASE_PROGRESS_SCRIPT = `(function () {
  var root = document.getElementById('release');
  var unfinished = function (element) { var status = element.getAttribute('data-status'); return status === 'running' || status === 'stalled'; };
  if (!root || !unfinished(root)) return;
  var ids = ['release-progress', 'release-counts', 'release-status'];
  function poll() {
    fetch(window.location.href, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (text) {
        if (text === null) { setTimeout(poll, 3000); return; }
        var fresh = new DOMParser().parseFromString(text, 'text/html').getElementById('release');
        if (!fresh) { setTimeout(poll, 3000); return; }
        if (!unfinished(fresh)) { window.location.reload(); return; }
        root.setAttribute('data-status', fresh.getAttribute('data-status'));
        var retries = document.getElementById('release-retries');
        var freshRetries = fresh.querySelector('#release-retries');
        if (retries && freshRetries && retries.innerHTML !== freshRetries.innerHTML) retries.innerHTML = freshRetries.innerHTML;
        ids.forEach(function (id) {
          var current = document.getElementById(id);
          var next = fresh.querySelector('#' + id);
          if (!current || !next) return;
          if (current.textContent !== next.textContent) current.textContent = next.textContent;
          if (next.hasAttribute('value')) current.setAttribute('value', next.getAttribute('value'));
        });
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 1000);
})();
`;
