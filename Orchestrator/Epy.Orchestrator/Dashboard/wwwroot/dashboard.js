// The Epy dashboard's only script, served as is (no build step). It refreshes the runs table and a
// run's live part in place, and asks before every action, which it POSTs to the /v1 API as JSON
// with the X-Epy-Client header (same origin; the API refuses cross-site requests).
(() => {
  'use strict';
  const $ = (selector) => document.querySelector(selector);

  // Polls url every `every` ms while the page is visible; apply(html, response) returns false to stop.
  function poll(url, every, apply) {
    const tick = async () => {
      if (!document.hidden) {
        try {
          const response = await fetch(url, { headers: { Accept: 'text/html' }, cache: 'no-store' });
          if (response.ok && apply(await response.text(), response) === false) return;
        } catch {
          // The server is away for a moment: try again at the next tick.
        }
      }
      setTimeout(tick, every);
    };
    setTimeout(tick, every);
  }

  // Replaces container's content, keeping open <details> and the focused control (by id).
  function swap(container, html) {
    if (container.dataset.last === html) return;
    const focused = container.contains(document.activeElement) ? document.activeElement.id : '';
    const open = [...container.querySelectorAll('details[open][id]')].map((d) => d.id);
    container.innerHTML = html;
    container.dataset.last = html;
    for (const id of open) {
      const details = document.getElementById(id);
      if (details) details.open = true;
    }
    const again = focused && document.getElementById(focused);
    if (again) again.focus();
  }

  const rows = $('#runs[data-refresh]');
  if (rows) {
    poll(rows.dataset.refresh, Number(rows.dataset.every) || 3000, (html) => {
      swap(rows, html);
      const stamp = $('[data-refreshed]');
      if (stamp) stamp.textContent = '· updated ' + new Date().toISOString().slice(11, 19) + ' UTC';
    });
  }

  const live = $('#live[data-live]');
  if (live && live.dataset.final !== 'true') {
    poll(live.dataset.live, Number(live.dataset.every) || 2000, (html, response) => {
      if (dialog && dialog.open) return true; // not under the user's feet: next time
      swap(live, html);
      const final = response.headers.get('X-Run-Final') === 'true';
      live.dataset.final = String(final);
      return !final;
    });
  }

  // Confirmation dialog for cancel, resume and start.
  const dialog = $('#confirm');
  let pending = null;

  const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2));

  document.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    if (!button || !dialog) return;
    pending = { action: button.dataset.action, url: button.dataset.url, key: newKey(), opener: button.id };
    $('#confirm-title').textContent = button.textContent.replace('…', '').trim();
    $('#confirm-text').textContent = button.dataset.confirm || 'Are you sure?';
    $('#confirm-error').textContent = '';
    const fields = $('#confirm-fields');
    fields.replaceChildren();
    if (pending.action === 'start') {
      const label = document.createElement('label');
      label.textContent = 'Experiment ';
      const input = document.createElement('input');
      Object.assign(input, { id: 'confirm-exp-id', name: 'exp_id', required: true, autocomplete: 'off', spellcheck: false, pattern: '[A-Za-z0-9_/\\-]+' });
      input.setAttribute('list', 'experiments');
      input.value = button.dataset.expId || '';
      label.append(input);
      fields.append(label);
    }
    $('#confirm-ok').textContent = pending.action === 'cancel' ? 'Cancel the run' : pending.action === 'resume' ? 'Resume the run' : 'Start the run';
    dialog.returnValue = '';
    dialog.showModal();
    // Focus starts on the field to fill, else on the harmless choice for a cancel, else on confirming.
    const first = $('#confirm-exp-id');
    (first && !first.value ? first : pending.action === 'cancel' ? dialog.querySelector('button[value=cancel]') : $('#confirm-ok')).focus();
  });

  if (dialog) {
    dialog.querySelector('form').addEventListener('submit', async (event) => {
      if (!event.submitter || event.submitter.value !== 'ok' || !pending) return;
      event.preventDefault();
      const ok = $('#confirm-ok');
      ok.disabled = true;
      const headers = { 'X-Epy-Client': 'dashboard', Accept: 'application/json' };
      let body;
      if (pending.action === 'start') {
        headers['Content-Type'] = 'application/json';
        headers['Idempotency-Key'] = pending.key;
        body = JSON.stringify({ exp_id: $('#confirm-exp-id').value.trim() });
      }
      try {
        const response = await fetch(pending.url, { method: 'POST', headers, body, credentials: 'same-origin' });
        const answer = await response.json().catch(() => ({}));
        if (!response.ok) {
          const detail = answer.errors ? Object.values(answer.errors).flat().join(' ') : answer.detail;
          $('#confirm-error').textContent = (answer.title || 'Refused') + (detail ? ': ' + detail : '') + ` (HTTP ${response.status})`;
          return;
        }
        dialog.close('done');
        if (pending.action === 'start') location.assign('/runs/' + encodeURIComponent(answer.run_id));
        else location.reload();
      } catch (failure) {
        $('#confirm-error').textContent = 'The server did not answer: ' + failure.message;
      } finally {
        ok.disabled = false;
      }
    });
    dialog.addEventListener('close', () => {
      const opener = pending && document.getElementById(pending.opener);
      if (opener && dialog.returnValue !== 'done') opener.focus();
    });
  }
})();
