// The cloud's admin console (GET /admin): a plain browser ES module, no build step. It drives the
// admin API with fetch and the admin token as a bearer token. The token lives in this tab's
// sessionStorage only. Every piece of data reaches the page through textContent, never innerHTML.

const TOKEN_KEY = 'privateAccessCloud.adminToken';

const $ = (id) => document.getElementById(id);

const state = {
  /** @type {any[]} */
  idps: [],
  /** @type {string | null} */
  selectedId: null,
  /** The IdP the Edit panel was opened on, as the API last returned it. */
  editing: null,
};

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function api(method, path, body) {
  const headers = { authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY) ?? ''}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  // Relative to the page: a workshop attendee's console lives under their tenant's prefix (/t/3).
  const res = await fetch(path.replace(/^\//, ''), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
    credentials: 'omit',
  });
  if (res.status === 204) return undefined;
  let data;
  try {
    data = await res.json();
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const err = (data && data.error) || {};
    throw new ApiError(res.status, err.code ?? 'http_error', err.message ?? `HTTP ${res.status}`);
  }
  return data;
}

// ---- messages -------------------------------------------------------------------------------

function showError(message) {
  const box = $('error');
  box.textContent = message;
  box.hidden = false;
}

function clearError() {
  const box = $('error');
  box.textContent = '';
  box.hidden = true;
}

function announce(message) {
  $('status').textContent = message;
}

/** Runs an action; API errors go to the alert region (401: back to the sign-in form). */
async function run(action) {
  clearError();
  try {
    await action();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      signOut();
    }
    showError(e instanceof Error ? e.message : String(e));
  }
}

// ---- DOM helpers ------------------------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

const cell = (value, cls) => el('td', cls ? { class: cls } : {}, String(value ?? '—'));

function fill(tbody, rows, columns, emptyText) {
  tbody.replaceChildren(
    ...(rows.length > 0
      ? rows
      : [el('tr', {}, el('td', { colspan: String(columns), class: 'empty' }, emptyText))]),
  );
}

const badge = (on, yes = 'Enabled', no = 'Disabled') =>
  el('span', { class: on ? 'badge on' : 'badge' }, on ? yes : no);

const formatTime = (iso) =>
  typeof iso === 'string' ? iso.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC') : '—';

function formatOffset(ms) {
  if (!ms) return 'real time';
  const minutes = Math.round(ms / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts = [d && `${d} d`, h && `${h} h`, m && `${m} min`].filter(Boolean);
  return `${parts.join(' ') || '< 1 min'} ahead of real time`;
}

const selectedIdp = () => state.idps.find((i) => i.id === state.selectedId) ?? null;

// ---- sign-in ----------------------------------------------------------------------------------

function showConsole(signedIn) {
  $('sign-in').hidden = signedIn;
  $('console').hidden = !signedIn;
  $('session').hidden = !signedIn;
}

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  state.idps = [];
  state.selectedId = null;
  state.editing = null;
  $('edit').hidden = true;
  $('token-box').hidden = true;
  $('scim-token').value = '';
  showConsole(false);
  $('admin-token').focus();
}

async function start() {
  await loadIdps();
  showConsole(true);
  await Promise.all([loadClock(), loadSelected()]);
}

// ---- IdP Configuration ------------------------------------------------------------------------

async function loadIdps() {
  state.idps = await api('GET', '/api/admin/idps');
  if (!state.idps.some((i) => i.id === state.selectedId))
    state.selectedId = state.idps[0]?.id ?? null;
  renderIdps();
}

function renderIdps() {
  const rows = state.idps.map((i) => {
    const row = el(
      'tr',
      i.id === state.selectedId ? { class: 'selected', 'aria-current': 'true' } : {},
      cell(i.name),
      cell(String(i.protocol).toUpperCase()),
      cell(i.vendor),
      el('td', {}, badge(i.scimSyncEnabled)),
      el('td', {}, badge(i.scimAttributesForPolicy)),
      el('td', {}, badge(i.scimTokenSet, 'Set', 'Not set')),
      el(
        'td',
        {},
        el(
          'button',
          { type: 'button', 'aria-label': `Edit ${i.name}`, onclick: () => openEdit(i.id) },
          'Edit',
        ),
      ),
    );
    return row;
  });
  fill($('idp-rows'), rows, 7, 'No IdP configured.');
  const name = selectedIdp()?.name;
  for (const span of document.querySelectorAll('[data-idp-name]')) {
    span.textContent = name ? `· ${name}` : '';
  }
}

function openEdit(id) {
  const idp = state.idps.find((i) => i.id === id);
  if (!idp) return;
  clearError();
  const changedIdp = state.selectedId !== id;
  state.selectedId = id;
  state.editing = idp;
  $('edit-title').textContent = `Edit ${idp.name}`;
  $('token-box').hidden = true;
  $('scim-token').value = '';
  fillEdit(idp);
  $('edit').hidden = false;
  renderIdps();
  $('scim-sync').focus();
  if (changedIdp) void run(loadSelected);
}

function fillEdit(idp) {
  $('scim-sync').checked = idp.scimSyncEnabled;
  $('scim-policy').checked = idp.scimAttributesForPolicy;
  $('scim-endpoint').value = idp.scimEndpoint;
  $('token-state').textContent = idp.scimTokenSet
    ? 'A token is set. A new one replaces it at once.'
    : 'No token yet.';
  syncPolicyCheckbox();
}

/** SCIM Attributes for Policy needs SCIM Sync; turning Sync off turns it off too (as the API does). */
function syncPolicyCheckbox() {
  const sync = $('scim-sync').checked;
  const policy = $('scim-policy');
  if (!sync) policy.checked = false;
  policy.disabled = !sync;
  $('scim-policy-hint').hidden = sync;
}

async function saveEdit() {
  const idp = state.editing;
  if (!idp) return;
  const patch = {};
  const sync = $('scim-sync').checked;
  const policy = $('scim-policy').checked;
  if (sync !== idp.scimSyncEnabled) patch.scimSyncEnabled = sync;
  if (policy !== idp.scimAttributesForPolicy) patch.scimAttributesForPolicy = policy;
  if (Object.keys(patch).length === 0) {
    announce('Nothing to save.');
    return;
  }
  try {
    const updated = await api('PATCH', `/api/admin/idps/${encodeURIComponent(idp.id)}`, patch);
    replaceIdp(updated);
    announce(`Saved ${updated.name}.`);
  } catch (e) {
    // Show what the cloud really has now (another admin may have changed it).
    await refreshEditing().catch(() => undefined);
    throw e;
  }
}

async function refreshEditing() {
  const idp = state.editing;
  if (!idp) return;
  replaceIdp(await api('GET', `/api/admin/idps/${encodeURIComponent(idp.id)}`));
}

function replaceIdp(updated) {
  state.idps = state.idps.map((i) => (i.id === updated.id ? updated : i));
  if (state.editing && state.editing.id === updated.id) {
    state.editing = updated;
    fillEdit(updated);
  }
  renderIdps();
}

async function generateToken() {
  const idp = state.editing;
  if (!idp) return;
  const { token } = await api('POST', `/api/admin/idps/${encodeURIComponent(idp.id)}/scim-token`);
  const field = $('scim-token');
  field.value = token;
  $('token-box').hidden = false;
  field.focus();
  field.select();
  replaceIdp({ ...idp, scimTokenSet: true });
  announce('New SCIM token generated. The previous token no longer works.');
}

async function copyField(id, what) {
  const field = $(id);
  try {
    await navigator.clipboard.writeText(field.value);
    announce(`${what} copied.`);
  } catch {
    field.focus();
    field.select();
    announce(`${what} selected: press Ctrl+C (or Cmd+C) to copy.`);
  }
}

// ---- SCIM Users, SCIM Sync Logs, provisioning ---------------------------------------------------

async function loadSelected() {
  if (!state.selectedId) return;
  await Promise.all([loadUsers(), loadLogs(), loadProvisioning()]);
}

async function loadUsers() {
  const id = state.selectedId;
  if (!id) return;
  const list = await api('GET', `/api/admin/idps/${encodeURIComponent(id)}/scim/users?count=100`);
  const rows = (list.Resources ?? []).map((u) =>
    el(
      'tr',
      {},
      cell(u.userName),
      cell(u.active === false ? 'No' : 'Yes'),
      cell(u.id, 'mono'),
      cell(u.externalId),
      cell(formatTime(u.meta?.lastModified)),
    ),
  );
  fill($('user-rows'), rows, 5, 'No SCIM users yet.');
}

async function loadLogs() {
  const id = state.selectedId;
  if (!id) return;
  const q = new URLSearchParams({ idpId: id, limit: '50' });
  const { entries } = await api('GET', `/api/admin/scim-sync-logs?${q}`);
  const rows = entries.map((e) =>
    el(
      'tr',
      {},
      cell(formatTime(e.at)),
      cell(e.method),
      cell(e.entityType),
      cell(e.entityName),
      cell(e.status),
      cell(`${e.durationMs} ms`),
    ),
  );
  fill($('log-rows'), rows, 6, 'No SCIM requests logged yet.');
}

async function loadProvisioning() {
  const id = state.selectedId;
  if (!id) return;
  const s = await api('GET', `/api/admin/idps/${encodeURIComponent(id)}/provisioning/status`);
  const c = s.counts.users;
  $('count-provisioned').textContent = String(c.provisioned);
  $('count-out-of-sync').textContent = String(c.out_of_sync);
  $('count-failed').textContent = String(c.failed);
  $('prov-state').textContent =
    `Provisioning ${s.enabled ? 'enabled' : 'disabled'} at the IdP` +
    (s.configured ? '.' : ' (no SCIM endpoint and token configured).');
  const rows = s.users
    .filter((u) => u.state === 'out_of_sync')
    .map((u) =>
      el(
        'tr',
        {},
        cell(u.name),
        cell(u.message),
        el(
          'td',
          {},
          el(
            'button',
            {
              type: 'button',
              'aria-label': `Provision User ${u.name}`,
              onclick: () => void run(() => provisionUser(u)),
            },
            'Provision User',
          ),
        ),
      ),
    );
  fill($('prov-rows'), rows, 3, 'No user out of sync.');
}

async function provisionUser(user) {
  const id = state.selectedId;
  await api(
    'POST',
    `/api/admin/idps/${encodeURIComponent(id)}/provisioning/users/${encodeURIComponent(user.id)}/provision`,
  );
  announce(`Provisioned ${user.name}.`);
  await loadSelected();
}

// ---- clock ----------------------------------------------------------------------------------

function showClock(clock) {
  $('clock-now').textContent = formatTime(clock.now);
  $('clock-offset').textContent = `(${formatOffset(clock.offsetMs)})`;
}

async function loadClock() {
  showClock(await api('GET', '/api/admin/clock'));
}

async function advanceClock(by) {
  showClock(await api('POST', '/api/admin/clock/advance', by));
  announce('Clock advanced.');
  await loadSelected();
}

// ---- wiring ---------------------------------------------------------------------------------

function wire() {
  $('sign-in-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const input = $('admin-token');
    const token = input.value.trim();
    if (!token) return;
    sessionStorage.setItem(TOKEN_KEY, token);
    input.value = '';
    void run(async () => {
      await start();
      announce('Signed in.');
    });
  });
  $('sign-out').addEventListener('click', () => {
    clearError();
    signOut();
    announce('Signed out.');
  });
  $('scim-sync').addEventListener('change', syncPolicyCheckbox);
  $('edit-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    void run(saveEdit);
  });
  $('edit-close').addEventListener('click', () => {
    const id = state.editing?.id;
    $('edit').hidden = true;
    $('token-box').hidden = true;
    $('scim-token').value = '';
    state.editing = null;
    const name = state.idps.find((i) => i.id === id)?.name;
    const label = `Edit ${name}`;
    [...document.querySelectorAll('#idp-rows button')]
      .find((b) => b.getAttribute('aria-label') === label)
      ?.focus();
  });
  $('copy-endpoint').addEventListener('click', () =>
    copyField('scim-endpoint', 'SCIM Service Provider Endpoint'),
  );
  $('copy-token').addEventListener('click', () => copyField('scim-token', 'Token'));
  $('generate-token').addEventListener('click', () => void run(generateToken));
  $('refresh-users').addEventListener('click', () => void run(loadUsers));
  $('refresh-logs').addEventListener('click', () => void run(loadLogs));
  $('refresh-prov').addEventListener('click', () => void run(loadProvisioning));
  for (const button of document.querySelectorAll('[data-advance]')) {
    button.addEventListener('click', () =>
      run(() => advanceClock(JSON.parse(button.getAttribute('data-advance')))),
    );
  }
}

wire();
// A workshop join link opens the console with the attendee's token in the fragment (never sent).
const fromLink = new URLSearchParams(window.location.hash.slice(1)).get('token');
if (fromLink) {
  sessionStorage.setItem(TOKEN_KEY, fromLink);
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
}
if (sessionStorage.getItem(TOKEN_KEY)) void run(start);
else showConsole(false);
