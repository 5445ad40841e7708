/**
 * Progressive enhancement of the release page: polls the release's progress (the API accepts the
 * session cookie) and updates the bar and the counts; without JavaScript the page has a Refresh link.
 * Served as a file because the Content-Security-Policy refuses inline scripts.
 */
export const RELEASE_PROGRESS_SCRIPT = `(function () {
  var root = document.getElementById('release');
  if (!root || root.getAttribute('data-status') !== 'running') return;
  var url = root.getAttribute('data-progress-url');
  function poll() {
    fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (progress) {
        if (!progress) return;
        if (progress.status !== 'running') { window.location.reload(); return; }
        var bar = document.getElementById('release-progress');
        bar.value = progress.emailsSent + progress.failed;
        bar.textContent = bar.value + ' / ' + progress.total;
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 1000);
})();
`;
