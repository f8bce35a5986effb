// CVImprover's small enhancements. Every page works without them; kept out of the HTML so a
// strict Content-Security-Policy (no inline script) applies.
'use strict';

// Live progress: poll the application's status until it is done or failed, then reload.
function followProgress() {
  const bar = document.getElementById('job-progress');
  if (!bar) return;
  const stage = document.getElementById('job-stage');
  const label = (s) => (s.stage || '').charAt(0).toUpperCase() + (s.stage || '').slice(1);
  const poll = () => {
    fetch(bar.dataset.url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((r) => r.json())
      .then((s) => {
        bar.value = s.progress;
        bar.textContent = s.progress + '%';
        stage.textContent = label(s) + ' · ' + s.progress + '%';
        if (s.status === 'done' || s.status === 'failed') {
          window.location.reload();
        } else {
          window.setTimeout(poll, 700);
        }
      })
      .catch(() => window.setTimeout(poll, 3000));
  };
  window.setTimeout(poll, 400);
}

// File type and size checked before the upload starts (the server checks again).
function checkFile(input) {
  const message = document.getElementById(input.id + '-check');
  const file = input.files && input.files[0];
  let problem = '';
  if (file) {
    const types = (input.dataset.types || '').split(' ');
    const name = file.name.toLowerCase();
    const max = Number(input.dataset.maxBytes || 0);
    if (!types.some((t) => name.endsWith(t))) {
      problem = 'This ' + input.dataset.label + ' must be ' + types.join(', ').toUpperCase().replace(/\./g, '') + '.';
    } else if (max && file.size > max) {
      const mb = (n) => (n / 1048576).toFixed(1).replace(/\.0$/, '');
      problem = 'This ' + input.dataset.label + ' is ' + mb(file.size) + ' MB; the limit is ' + mb(max) + ' MB.';
    } else if (file.size === 0) {
      problem = 'This ' + input.dataset.label + ' file is empty.';
    }
  }
  input.setCustomValidity(problem);
  if (problem) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
  if (message) message.textContent = problem;
  return !problem;
}

function guardUploads() {
  const inputs = document.querySelectorAll('input[type="file"][data-max-bytes]');
  inputs.forEach((input) => input.addEventListener('change', () => checkFile(input)));
  const form = document.getElementById('new-application');
  if (!form) return;
  form.addEventListener('submit', (event) => {
    const bad = Array.from(inputs).filter((input) => !checkFile(input));
    if (bad.length) {
      event.preventDefault();
      bad[0].focus();
      return;
    }
    const button = form.querySelector('button[type="submit"]');
    if (button) {
      button.disabled = true;
      button.textContent = 'Uploading…';
    }
  });
}

// Forms that destroy something ask first.
function confirmForms() {
  document.querySelectorAll('form[data-confirm]').forEach((form) => {
    form.addEventListener('submit', (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
}

// "Keep all" ticks every change again; a card shows at once whether it is kept.
function changeChoices() {
  const form = document.getElementById('choices');
  if (!form) return;
  const sync = (box) => box.closest('.change').classList.toggle('rejected', !box.checked);
  form.querySelectorAll('input[name="keep"]').forEach((box) => {
    box.addEventListener('change', () => sync(box));
  });
  const all = form.querySelector('[data-check-all]');
  if (all) {
    all.addEventListener('click', () => {
      form.querySelectorAll('input[name="keep"]').forEach((box) => {
        box.checked = true;
        sync(box);
      });
    });
  }
}

// Copy a new API token to the clipboard.
function copyButtons() {
  document.querySelectorAll('[data-copy]').forEach((button) => {
    button.addEventListener('click', () => {
      const text = document.getElementById(button.dataset.copy).textContent.trim();
      navigator.clipboard.writeText(text).then(
        () => { button.textContent = 'Copied'; },
        () => { button.textContent = 'Select and copy it by hand'; }
      );
    });
  });
}

document.addEventListener('DOMContentLoaded', () => {
  followProgress();
  guardUploads();
  confirmForms();
  changeChoices();
  copyButtons();
});
