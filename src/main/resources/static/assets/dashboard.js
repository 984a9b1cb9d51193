// Vigil's dashboard: who is signed in, the latest alerts, sign out. Alert text is untrusted (it comes from
// sensors and attackers' input), so it only ever enters the page through textContent, never as HTML.
'use strict';

const SIGN_IN = '/login';

async function getJson(path) {
  const response = await fetch(path, {credentials: 'same-origin', headers: {Accept: 'application/json'}});
  if (response.status === 401) {
    window.location.assign(SIGN_IN); // the session ended: idle, expired, signed out elsewhere
    throw new Error('signed out');
  }
  if (!response.ok) {
    throw new Error(path + ' answered ' + response.status);
  }
  return response.json();
}

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text === null || text === undefined ? '' : String(text);
  if (className) {
    td.className = className;
  }
  return td;
}

function showSession(session) {
  document.getElementById('who').textContent = session.name + ' (' + session.role + ')';
  document.getElementById('sign-out-csrf').value = session.csrfToken;
}

function showAlerts(page) {
  const rows = page.items.map((alert) => {
    const tr = document.createElement('tr');
    tr.append(
      cell(new Date(alert.receivedAt).toLocaleString()),
      cell(alert.severity, 'sev-' + alert.severity),
      cell(alert.riskScore, 'number'),
      cell(alert.riskClass),
      cell(alert.title),
      cell(alert.source),
      cell(alert.status));
    return tr;
  });
  document.getElementById('alerts').replaceChildren(...rows);
  document.getElementById('status').textContent =
    rows.length + ' alerts, as of ' + new Date().toLocaleTimeString();
}

async function refresh() {
  const status = document.getElementById('status');
  try {
    showAlerts(await getJson('/api/v1/alerts?limit=50'));
  } catch (e) {
    status.textContent = 'Could not load alerts: ' + e.message;
  }
}

document.addEventListener('DOMContentLoaded', async () => {
  document.getElementById('refresh').addEventListener('click', refresh);
  try {
    showSession(await getJson('/api/v1/session'));
  } catch (e) {
    document.getElementById('status').textContent = 'Could not load the session: ' + e.message;
    return;
  }
  // No automatic polling: a request keeps a session alive, so polling would defeat the idle timeout.
  await refresh();
});
