// The console: plain JavaScript over the admin API (the same API scripts use). Nothing secret is
// kept in the URL or in browser storage; a new client secret lives in memory until the next page.
'use strict';

(function () {
  const state = { csrf: null, credentials: null, refresh: null };
  const main = () => document.getElementById('main');

  // ---------------------------------------------------------------- DOM helpers

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'text') el.textContent = v;
      else el.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  function render(title, ...content) {
    const m = main();
    m.replaceChildren(h('h1', { id: 'page-title' }, title), ...content);
    document.title = title + ' · SCIM pipeline console';
    m.focus();
  }

  function say(message, bad) {
    state.saidAt = Date.now();
    const s = document.getElementById('status');
    s.textContent = message || '';
    s.className = bad ? 'bad' : '';
  }

  function when(iso) {
    if (!iso) return '—';
    const d = new Date(iso);
    return isNaN(d) ? iso : d.toLocaleString();
  }

  function errorBox(message) {
    return h('div', { class: 'error', role: 'alert' }, message);
  }

  // ---------------------------------------------------------------- API

  class ApiError extends Error {
    constructor(status, message, problems) { super(message); this.status = status; this.problems = problems || []; }
  }

  async function api(method, path, body, contentType) {
    const headers = { 'Accept': 'application/json' };
    if (method !== 'GET' && state.csrf) headers['X-CSRF-Token'] = state.csrf;
    let payload;
    if (body !== undefined) {
      headers['Content-Type'] = contentType || 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin', cache: 'no-store' });
    } catch (e) {
      throw new ApiError(0, 'The console cannot reach the token service. Is the pipeline running?');
    }
    if (response.status === 401 && path !== '/admin/session') {
      state.csrf = null;
      location.hash = '#/signin';
      throw new ApiError(401, 'Your session ended. Sign in again.');
    }
    if (response.status === 204) return null;
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
    if (!response.ok) {
      const message = (json && (json.error_description || json.detail || json.error)) || ('The server answered ' + response.status + '.');
      throw new ApiError(response.status, explain(response.status, message), json && json.problems);
    }
    return json;
  }

  function explain(status, message) {
    if (status === 503) return 'Temporarily unavailable: ' + message;
    if (status === 403) return 'Refused: ' + message + ' Reload the page and try again.';
    return message.charAt(0).toUpperCase() + message.slice(1);
  }

  const enc = encodeURIComponent;

  // ---------------------------------------------------------------- sign in

  function signIn() {
    document.getElementById('nav').hidden = true;
    const form = h('form', { id: 'signin-form', novalidate: true },
      h('label', { for: 'admin-token' }, 'Admin token ', h('span', { class: 'hint' }, '(in the data folder, file admin-token)')),
      h('input', { id: 'admin-token', name: 'adminToken', type: 'password', autocomplete: 'current-password', required: true }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'signin-submit' }, 'Sign in')));
    const problem = h('div');
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      problem.replaceChildren();
      try {
        const answer = await api('POST', '/admin/session', { adminToken: form.adminToken.value });
        state.csrf = answer.csrfToken;
        form.adminToken.value = '';
        location.hash = '#/integrations';
      } catch (e) {
        problem.replaceChildren(errorBox(e.status === 401 ? 'That is not the admin token.' : e.message));
        form.adminToken.focus();
      }
    });
    render('Sign in', h('p', {}, 'Sign in with the pipeline\'s admin token.'), problem, form);
  }

  // ---------------------------------------------------------------- integrations

  async function integrations() {
    const list = await api('GET', '/admin/integrations');
    const rows = list.integrations.map(i => h('tr', { 'data-client-id': i.clientId },
      h('td', {}, h('a', { href: '#/integrations/' + enc(i.clientId) }, i.name || i.clientId)),
      h('td', {}, i.samlConnector),
      h('td', {}, h('span', { class: 'badge ' + i.status }, i.status)),
      h('td', {}, when(i.created)),
      h('td', {}, i.lastRequest ? when(i.lastRequest.at) + ' · ' + i.lastRequest.request + ' → ' + i.lastRequest.status : '—'),
      h('td', {}, i.lastError ? i.lastError.status + ' ' + (i.lastError.detail || '') + ' (' + when(i.lastError.at) + ')' : '—'),
      h('td', {}, i.provisioned ? String(i.provisioned.users) : '—'),
      h('td', {}, i.provisioned ? String(i.provisioned.groups) : '—')));
    render('Integrations',
      h('div', { class: 'actions' }, h('a', { class: 'button primary', href: '#/integrations/new', id: 'add-integration' }, 'Add integration')),
      rows.length === 0 ? h('p', {}, 'No SCIM integration yet.') :
        h('div', { class: 'table-wrap' }, h('table', { id: 'integrations' },
          h('caption', { class: 'hint' }, 'Every SCIM integration, oldest first'),
          h('thead', {}, h('tr', {}, ['Name', 'SAML connector', 'Status', 'Created', 'Last SCIM request', 'Last error', 'Users', 'Groups']
            .map(t => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, rows))));
  }

  async function addIntegration() {
    const connectors = (await api('GET', '/admin/saml-connectors')).samlConnectors;
    const problem = h('div');
    const choices = connectors.map((c, n) => h('label', { class: 'radio' },
      h('input', { type: 'radio', name: 'connector', value: c.name, id: 'connector-' + c.name, checked: n === 0 }),
      h('span', {}, h('strong', {}, c.name), ' ', h('span', { class: 'hint' }, [c.entityId, c.ssoUrl].filter(Boolean).join(' · ')))));
    choices.push(h('label', { class: 'radio' },
      h('input', { type: 'radio', name: 'connector', value: '', id: 'connector-new', checked: connectors.length === 0 }),
      h('span', {}, 'Register a new SAML connector')));
    const newConnector = h('fieldset', { id: 'new-connector' },
      h('legend', {}, 'New SAML connector'),
      h('label', { for: 'connector-name' }, 'Name'),
      h('input', { id: 'connector-name', type: 'text', name: 'connectorName', autocomplete: 'off' }),
      h('label', { for: 'connector-entity-id' }, 'Entity ID ', h('span', { class: 'hint' }, '(shown to admins)')),
      h('input', { id: 'connector-entity-id', type: 'text', name: 'entityId', autocomplete: 'off' }),
      h('label', { for: 'connector-sso-url' }, 'SSO URL ', h('span', { class: 'hint' }, '(http or https)')),
      h('input', { id: 'connector-sso-url', type: 'url', name: 'ssoUrl', autocomplete: 'off' }));
    const form = h('form', { id: 'add-integration-form', novalidate: true },
      h('ol', { class: 'steps' }, h('li', { 'aria-current': 'step' }, '1. SAML connector and name'), h('li', {}, '2. Credentials')),
      h('fieldset', {}, h('legend', {}, 'SAML connector that provisioned users are linked to'), choices),
      newConnector,
      h('label', { for: 'integration-name' }, 'Integration name ', h('span', { class: 'hint' }, '(for example the IdP: Okta, Entra ID)')),
      h('input', { id: 'integration-name', type: 'text', name: 'integrationName', autocomplete: 'off', required: true }),
      problem,
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary', id: 'create-integration' }, 'Create integration'),
        h('a', { class: 'button', href: '#/integrations' }, 'Cancel')));
    const sync = () => { newConnector.hidden = form.querySelector('input[name=connector]:checked').value !== ''; };
    form.addEventListener('change', sync);
    sync();
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      problem.replaceChildren();
      const button = form.querySelector('#create-integration');
      button.disabled = true;
      try {
        let connector = form.querySelector('input[name=connector]:checked').value;
        if (!form.integrationName.value.trim()) throw new ApiError(400, 'Give the integration a name.');
        if (connector === '') {
          const body = { name: form.connectorName.value.trim() };
          if (form.entityId.value.trim()) body.entityId = form.entityId.value.trim();
          if (form.ssoUrl.value.trim()) body.ssoUrl = form.ssoUrl.value.trim();
          connector = (await api('POST', '/admin/saml-connectors', body)).name;
        }
        state.credentials = await api('POST', '/admin/integrations', { name: form.integrationName.value.trim(), samlConnector: connector });
        location.hash = '#/credentials';
      } catch (e) {
        problem.replaceChildren(errorBox(e.message));
      } finally {
        button.disabled = false;
      }
    });
    render('Add SCIM integration', form);
  }

  function credentials() {
    const c = state.credentials;
    if (!c) {
      render('Credentials', h('p', {}, 'The client secret is shown only once, right after it is issued. Rotate the secret on the integration\'s page for a new one.'),
        h('a', { href: '#/integrations' }, 'Back to integrations'));
      return;
    }
    state.credentials = null; // shown once: leaving this page forgets it
    const field = (label, id, value) => [h('dt', {}, label), h('dd', {}, h('div', { class: 'secret' },
      h('code', { id }, value), copyButton(value, label)))];
    render('Credentials for ' + (c.name || c.clientId),
      h('ol', { class: 'steps' }, h('li', {}, '1. SAML connector and name'), h('li', { 'aria-current': 'step' }, '2. Credentials')),
      h('div', { class: 'warning', role: 'alert' }, h('strong', {}, 'Copy the client secret now. '),
        'It is shown only this once and is stored only as a salted hash; if it is lost, rotate the secret.'),
      h('dl', { class: 'props', id: 'credentials' },
        field('Client ID', 'client-id', c.clientId),
        field('Client Secret', 'client-secret', c.clientSecret),
        field('SCIM Base URL', 'scim-base-url', c.scimBaseUrl),
        field('Token URL', 'token-url', c.tokenUrl),
        h('dt', {}, 'SAML connector'), h('dd', {}, c.samlConnector)),
      h('h2', {}, 'Okta'),
      h('p', {}, 'Applications → your app → Provisioning → Integration: SCIM connector base URL = SCIM Base URL; unique identifier field = userName; ' +
        'authentication mode OAuth 2 (client credentials) with the Token URL, Client ID and Client Secret. Then enable Create, Update and Deactivate Users and push the groups whose names are Access List titles.'),
      h('h2', {}, 'Microsoft Entra ID'),
      h('p', {}, 'Enterprise application → Provisioning → Automatic: Tenant URL = SCIM Base URL; for the secret token, get a token from the Token URL with the Client ID and Secret ' +
        '(or use an OAuth client credentials connection where offered). Assign the groups whose names are Access List titles and start provisioning.'),
      h('div', { class: 'actions' }, h('a', { class: 'button primary', href: '#/integrations/' + enc(c.clientId), id: 'done' }, 'Done')));
  }

  function copyButton(value, label) {
    return h('button', { type: 'button', 'aria-label': 'Copy ' + label, onclick: async (e) => {
      try { await navigator.clipboard.writeText(value); say(label + ' copied.'); }
      catch (err) { say('Copying is not allowed here: select the text and copy it.', true); }
      e.target.focus();
    } }, 'Copy');
  }

  async function integration(clientId) {
    let i;
    try {
      i = await api('GET', '/admin/integrations/' + enc(clientId));
    } catch (e) {
      if (e.status === 404) { render('Integration not found', h('p', {}, 'No integration with this client id.'), h('a', { href: '#/integrations' }, 'Back to integrations')); return; }
      throw e;
    }
    const problem = h('div');
    const confirmBox = h('div');
    const action = (label, id, fn, cls) => h('button', { type: 'button', id, class: cls, onclick: async () => {
      problem.replaceChildren();
      try { await fn(); } catch (e) { problem.replaceChildren(errorBox(e.message)); }
    } }, label);
    const actions = h('div', { class: 'actions' },
      action('Rotate secret', 'rotate-secret', async () => {
        state.credentials = await api('POST', '/admin/integrations/' + enc(clientId) + '/secret');
        location.hash = '#/credentials';
      }),
      i.status === 'enabled'
        ? action('Disable', 'disable', async () => { await api('POST', '/admin/integrations/' + enc(clientId) + '/disable'); say('Integration disabled: its tokens are refused.'); route(); })
        : action('Enable', 'enable', async () => { await api('POST', '/admin/integrations/' + enc(clientId) + '/enable'); say('Integration enabled: it needs a new token.'); route(); }),
      action('Delete…', 'delete', async () => {
        confirmBox.replaceChildren(h('div', { class: 'confirm', role: 'alertdialog', 'aria-labelledby': 'confirm-text' },
          h('p', { id: 'confirm-text' }, 'Delete "' + (i.name || clientId) + '"? Its credentials stop working at once. What it provisioned stays.'),
          h('div', { class: 'actions' },
            action('Delete integration', 'confirm-delete', async () => {
              await api('DELETE', '/admin/integrations/' + enc(clientId));
              say('Integration deleted.');
              location.hash = '#/integrations';
            }, 'danger'),
            h('button', { type: 'button', id: 'cancel-delete', onclick: () => { confirmBox.replaceChildren(); document.getElementById('delete').focus(); } }, 'Cancel'))));
        document.getElementById('confirm-delete').focus();
      }));
    const changes = h('div', { id: 'recent-changes' }, 'Loading…');
    const users = h('div', { id: 'users' }, 'Loading…');
    render(i.name || i.clientId,
      h('dl', { class: 'props' },
        h('dt', {}, 'Client ID'), h('dd', { class: 'mono' }, i.clientId),
        h('dt', {}, 'Status'), h('dd', {}, h('span', { class: 'badge ' + i.status, id: 'integration-status' }, i.status)),
        h('dt', {}, 'SAML connector'), h('dd', {}, i.samlConnector),
        h('dt', {}, 'Created'), h('dd', {}, when(i.created)),
        h('dt', {}, 'Secret issued'), h('dd', {}, when(i.secretIssued)),
        h('dt', {}, 'SCIM Base URL'), h('dd', { class: 'mono' }, i.scimBaseUrl),
        h('dt', {}, 'Token URL'), h('dd', { class: 'mono' }, i.tokenUrl),
        h('dt', {}, 'Last SCIM request'), h('dd', { id: 'last-request' }, i.lastRequest ? when(i.lastRequest.at) + ' · ' + i.lastRequest.request + ' → ' + i.lastRequest.status : '—'),
        h('dt', {}, 'Last error'), h('dd', { id: 'last-error' }, i.lastError ? i.lastError.status + ' ' + (i.lastError.detail || '') + ' · ' + i.lastError.request + ' (' + when(i.lastError.at) + ')' : '—'),
        h('dt', {}, 'Provisioned'), h('dd', {}, i.provisioned ? i.provisioned.users + ' users, ' + i.provisioned.groups + ' groups' : '—')),
      actions, confirmBox, problem,
      h('div', { class: 'grid2' },
        h('section', { 'aria-labelledby': 'changes-title' }, h('h2', { id: 'changes-title' }, 'Recent membership changes ', h('span', { class: 'hint' }, '(live, newest first)')), changes),
        h('section', { 'aria-labelledby': 'users-title' }, h('h2', { id: 'users-title' }, 'Provisioned users'), users)));
    const loadChanges = async () => {
      try {
        const body = await api('GET', '/admin/integrations/' + enc(clientId) + '/changes?limit=50');
        changes.replaceChildren(body.changes.length === 0 ? h('p', {}, 'No membership change yet.') :
          h('div', { class: 'table-wrap' }, h('table', { id: 'changes-table' },
            h('thead', {}, h('tr', {}, ['When', 'Change', 'User', 'Access List', 'Request'].map(t => h('th', { scope: 'col' }, t)))),
            h('tbody', {}, body.changes.map(c => h('tr', {},
              h('td', {}, when(c.cause.timestamp)), h('td', {}, c.change), h('td', {}, c.userName || c.userId),
              h('td', {}, h('a', { href: '#/lists/' + enc(c.accessList.name) }, c.accessList.title)),
              h('td', { class: 'mono' }, c.cause.requestId)))))));
      } catch (e) {
        changes.replaceChildren(errorBox(e.message));
      }
    };
    let startIndex = 1;
    const loadUsers = async () => {
      try {
        const page = await api('GET', '/admin/integrations/' + enc(clientId) + '/users?count=25&startIndex=' + startIndex);
        const nav = h('div', { class: 'actions' },
          h('button', { type: 'button', disabled: startIndex <= 1, onclick: () => { startIndex = Math.max(1, startIndex - 25); loadUsers(); } }, 'Previous'),
          h('span', {}, page.totalResults === 0 ? '' : startIndex + '–' + (startIndex + page.resources.length - 1) + ' of ' + page.totalResults),
          h('button', { type: 'button', disabled: startIndex + page.resources.length > page.totalResults, onclick: () => { startIndex += 25; loadUsers(); } }, 'Next'));
        users.replaceChildren(page.totalResults === 0 ? h('p', {}, 'No user provisioned yet.') :
          h('div', { class: 'table-wrap' }, h('table', { id: 'users-table' },
            h('thead', {}, h('tr', {}, ['User', 'Active', 'Access Lists'].map(t => h('th', { scope: 'col' }, t)))),
            h('tbody', {}, page.resources.map(u => h('tr', {},
              h('td', {}, u.userName), h('td', {}, u.active ? 'yes' : 'no'),
              h('td', {}, u.lists.length === 0 ? '—' : u.lists.map((l, n) => [n ? ', ' : '',
                h('a', { href: '#/lists/' + enc(l.accessList || '') }, l.title), l.suspended ? ' (suspended)' : ''])))))), nav));
      } catch (e) {
        users.replaceChildren(errorBox(e.message));
      }
    };
    await Promise.all([loadChanges(), loadUsers()]);
    state.refresh = setInterval(loadChanges, 3000);
  }

  // ---------------------------------------------------------------- Access Lists

  function grantsText(g) {
    if (!g) return '—';
    const roles = (g.roles || []).join(', ');
    const traits = Object.entries(g.traits || {}).map(([k, v]) => k + '=' + v.join('|')).join(', ');
    return [roles && 'roles: ' + roles, traits && 'traits: ' + traits].filter(Boolean).join('; ') || '—';
  }

  function recurrenceText(audit) {
    const r = audit && audit.recurrence;
    if (!r || !r.frequency) return '—';
    return 'every ' + r.frequency + ' month' + (r.frequency > 1 ? 's' : '') + (r.day_of_month ? ', day ' + r.day_of_month : '');
  }

  async function lists() {
    const body = await api('GET', '/admin/access-lists');
    render('Access Lists',
      h('div', { class: 'actions' }, h('a', { class: 'button primary', href: '#/lists/new', id: 'new-list' }, 'New Access List')),
      body.accessLists.length === 0 ? h('p', {}, 'No Access List yet.') :
        h('div', { class: 'table-wrap' }, h('table', { id: 'lists' },
          h('thead', {}, h('tr', {}, ['Title', 'Type', 'Grants', 'Owners', 'Audit', 'Members'].map(t => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, body.accessLists.map(l => h('tr', { 'data-name': l.metadata.name },
            h('td', {}, h('a', { href: '#/lists/' + enc(l.metadata.name) }, l.spec.title)),
            h('td', {}, l.spec.type || 'default'),
            h('td', {}, grantsText(l.spec.grants)),
            h('td', {}, (l.spec.owners || []).map(o => o.name).join(', ') || '—'),
            h('td', {}, recurrenceText(l.spec.audit)),
            h('td', {}, l.counts ? l.counts.members + (l.counts.active !== l.counts.members ? ' (' + l.counts.active + ' active)' : '') : '—')))))));
  }

  async function list(name) {
    let l;
    try {
      l = await api('GET', '/admin/access-lists/' + enc(name));
    } catch (e) {
      if (e.status === 404) { render('Access List not found', h('p', {}, 'No Access List named "' + name + '".'), h('a', { href: '#/lists' }, 'Back to Access Lists')); return; }
      throw e;
    }
    const problem = h('div');
    const confirmBox = h('div');
    const scim = l.spec.type === 'scim';
    const content = [
      h('dl', { class: 'props' },
        h('dt', {}, 'Name'), h('dd', { class: 'mono' }, l.metadata.name),
        h('dt', {}, 'Type'), h('dd', {}, l.spec.type || 'default'),
        h('dt', {}, 'Description'), h('dd', {}, l.spec.description || l.metadata.description || '—'),
        h('dt', {}, 'Grants'), h('dd', {}, grantsText(l.spec.grants)),
        h('dt', {}, 'Membership requires'), h('dd', {}, grantsText(l.spec.membership_requires)),
        h('dt', {}, 'Owners'), h('dd', {}, (l.spec.owners || []).map(o => o.name).join(', ') || '—'),
        h('dt', {}, 'Audit'), h('dd', {}, recurrenceText(l.spec.audit))),
      h('div', { class: 'actions' },
        h('a', { class: 'button', href: '#/lists/' + enc(name) + '/edit', id: 'edit-list' }, 'Edit'),
        h('button', { type: 'button', id: 'delete-list', onclick: () => {
          confirmBox.replaceChildren(h('div', { class: 'confirm', role: 'alertdialog', 'aria-labelledby': 'confirm-list-text' },
            h('p', { id: 'confirm-list-text' }, 'Delete the Access List "' + l.spec.title + '"? ' + (scim ? 'Its SCIM group can no longer be changed through SCIM; DELETE still unlinks it.' : '')),
            h('div', { class: 'actions' },
              h('button', { type: 'button', class: 'danger', id: 'confirm-delete-list', onclick: async () => {
                try {
                  await api('DELETE', '/admin/access-lists/' + enc(name));
                  say('Access List "' + l.spec.title + '" deleted.');
                  location.hash = '#/lists';
                } catch (e) { problem.replaceChildren(errorBox(e.message)); }
              } }, 'Delete Access List'),
              h('button', { type: 'button', onclick: () => { confirmBox.replaceChildren(); document.getElementById('delete-list').focus(); } }, 'Cancel'))));
          document.getElementById('confirm-delete-list').focus();
        } }, 'Delete…')),
      confirmBox, problem];
    if (scim) {
      const groups = h('div', { id: 'linked-groups' }, 'Loading…');
      const members = h('div', { id: 'members' }, 'Loading…');
      const history = h('div', { id: 'member-history', 'aria-live': 'polite' });
      const search = h('form', { role: 'search', id: 'member-search' },
        h('label', { for: 'member-q' }, 'Search members ', h('span', { class: 'hint' }, '(userName or id contains)')),
        h('input', { id: 'member-q', type: 'search', name: 'q', autocomplete: 'off' }),
        h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Search')));
      content.push(h('h2', {}, 'Linked group per integration'), groups,
        h('h2', { id: 'members-title' }, 'Members'), search, members, history);
      const pages = [null];
      const loadMembers = async () => {
        try {
          const after = pages[pages.length - 1];
          const q = search.q.value.trim();
          const page = await api('GET', '/admin/access-lists/' + enc(name) + '/members?limit=25' + (after ? '&after=' + enc(after) : '') + (q ? '&q=' + enc(q) : ''));
          members.replaceChildren(
            h('p', { id: 'member-count' }, page.counts.members + ' member' + (page.counts.members === 1 ? '' : 's') + ' across integrations, ' + page.counts.active + ' active'),
            page.members.length === 0 ? h('p', {}, q ? 'No member matches.' : 'No member yet.') :
              h('div', { class: 'table-wrap' }, h('table', { id: 'members-table' },
                h('thead', {}, h('tr', {}, ['User', 'Integration', 'Status', 'Since', 'Last change', 'History'].map(t => h('th', { scope: 'col' }, t)))),
                h('tbody', {}, page.members.map(m => h('tr', { 'data-user': m.userName || m.userId },
                  h('td', {}, m.userName || m.userId), h('td', {}, m.integration),
                  h('td', {}, h('span', { class: 'badge ' + (m.active ? 'active' : 'suspended') }, m.active ? 'active' : 'suspended')),
                  h('td', {}, when(m.since)), h('td', {}, when(m.changed)),
                  h('td', {}, h('button', { type: 'button', class: 'link', 'aria-label': 'History of ' + (m.userName || m.userId), onclick: () => showHistory(m) }, 'History'))))))),
            h('div', { class: 'actions' },
              h('button', { type: 'button', disabled: pages.length <= 1, onclick: () => { pages.pop(); loadMembers(); } }, 'Previous'),
              h('button', { type: 'button', disabled: !page.next, onclick: () => { pages.push(page.next); loadMembers(); } }, 'Next')));
        } catch (e) { members.replaceChildren(errorBox(e.message)); }
      };
      const showHistory = async (m) => {
        try {
          const body = await api('GET', '/admin/access-lists/' + enc(name) + '/history?integration=' + enc(m.directoryId) + '&user=' + enc(m.userId));
          history.replaceChildren(h('h2', { id: 'history-title', tabindex: '-1' }, 'History of ' + (m.userName || m.userId) + ' in ' + l.spec.title),
            h('div', { class: 'table-wrap' }, h('table', { id: 'history-table' },
              h('thead', {}, h('tr', {}, ['When', 'Change', 'userName', 'Request'].map(t => h('th', { scope: 'col' }, t)))),
              h('tbody', {}, body.entries.map(e => h('tr', {}, h('td', {}, when(e.at)), h('td', {}, e.change),
                h('td', {}, e.userName || '—'), h('td', { class: 'mono' }, e.cause.requestId)))))));
          document.getElementById('history-title').focus();
        } catch (e) { history.replaceChildren(errorBox(e.message)); }
      };
      search.addEventListener('submit', (event) => { event.preventDefault(); pages.length = 1; loadMembers(); });
      render(l.spec.title, ...content);
      const loadGroups = async () => {
        try {
          const body = await api('GET', '/admin/access-lists/' + enc(name) + '/groups');
          groups.replaceChildren(body.groups.length === 0 ? h('p', {}, 'No integration has a group named "' + l.spec.title + '" yet.') :
            h('ul', {}, body.groups.map(g => h('li', {}, h('a', { href: '#/integrations/' + enc(g.integration) }, g.integrationName), ': group ', h('span', { class: 'mono' }, g.group.id)))));
        } catch (e) { groups.replaceChildren(errorBox(e.message)); }
      };
      await Promise.all([loadGroups(), loadMembers()]);
    } else {
      content.push(h('p', { class: 'hint' }, 'This list is not of type scim: SCIM does not manage its members.'));
      render(l.spec.title, ...content);
    }
  }

  // The form edits the common fields; the YAML view edits everything.
  async function editList(name) {
    const existing = name ? await api('GET', '/admin/access-lists/' + enc(name)) : null;
    const s = existing ? existing.spec : { type: 'scim', grants: { roles: [], traits: {} }, owners: [] };
    const problem = h('div');
    const traitsText = Object.entries((s.grants && s.grants.traits) || {}).map(([k, v]) => k + '=' + v.join(',')).join('\n');
    const r = (s.audit && s.audit.recurrence) || {};
    const form = h('form', { id: 'list-form', novalidate: true },
      h('label', { for: 'list-name' }, 'Name ', h('span', { class: 'hint' }, '(metadata.name; cannot change later)')),
      h('input', { id: 'list-name', name: 'name', type: 'text', value: name || '', readonly: !!name, required: true, autocomplete: 'off' }),
      h('label', { for: 'list-title' }, 'Title ', h('span', { class: 'hint' }, '(spec.title; a SCIM group with this displayName is linked)')),
      h('input', { id: 'list-title', name: 'title', type: 'text', value: s.title || '', required: true, autocomplete: 'off' }),
      h('label', { for: 'list-description' }, 'Description'),
      h('input', { id: 'list-description', name: 'description', type: 'text', value: s.description || '', autocomplete: 'off' }),
      h('label', { for: 'list-type' }, 'Type'),
      h('select', { id: 'list-type', name: 'type' }, ['scim', 'default', 'static'].map(t => h('option', { value: t, selected: (s.type || 'default') === t }, t))),
      h('label', { for: 'list-roles' }, 'Granted roles ', h('span', { class: 'hint' }, '(comma separated)')),
      h('input', { id: 'list-roles', name: 'roles', type: 'text', value: ((s.grants && s.grants.roles) || []).join(', '), autocomplete: 'off' }),
      h('label', { for: 'list-traits' }, 'Granted traits ', h('span', { class: 'hint' }, '(one per line: name=value1,value2)')),
      h('textarea', { id: 'list-traits', name: 'traits', rows: 3, style: null }, traitsText),
      h('label', { for: 'list-owners' }, 'Owners ', h('span', { class: 'hint' }, '(comma separated)')),
      h('input', { id: 'list-owners', name: 'owners', type: 'text', value: (s.owners || []).map(o => o.name).join(', '), autocomplete: 'off' }),
      h('label', { for: 'list-requires' }, 'Membership requires roles ', h('span', { class: 'hint' }, '(comma separated)')),
      h('input', { id: 'list-requires', name: 'requires', type: 'text', value: ((s.membership_requires && s.membership_requires.roles) || []).join(', '), autocomplete: 'off' }),
      h('label', { for: 'list-frequency' }, 'Audit every ', h('span', { class: 'hint' }, '(months; required for the default type)')),
      h('select', { id: 'list-frequency', name: 'frequency' }, h('option', { value: '' }, 'no audit'),
        [1, 3, 6, 12].map(m => h('option', { value: String(m), selected: r.frequency === m }, m + ' month' + (m > 1 ? 's' : '')))),
      h('label', { for: 'list-day' }, 'Audit day of month'),
      h('select', { id: 'list-day', name: 'day' }, h('option', { value: '' }, '—'),
        [1, 15, 28].map(d => h('option', { value: String(d), selected: r.day_of_month === d }, String(d)))),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary', id: 'save-list' }, 'Save'),
        h('a', { class: 'button', href: name ? '#/lists/' + enc(name) : '#/lists' }, 'Cancel')));
    form.querySelector('#list-traits').style.minHeight = '4em';
    const csv = v => v.split(',').map(x => x.trim()).filter(Boolean);
    const resource = () => {
      const traits = {};
      form.traits.value.split('\n').map(x => x.trim()).filter(Boolean).forEach(line => {
        const eq = line.indexOf('=');
        if (eq > 0) traits[line.slice(0, eq).trim()] = csv(line.slice(eq + 1));
      });
      const spec = Object.assign({}, s, {
        title: form.title.value.trim(), description: form.description.value.trim() || null, type: form.type.value,
        grants: { roles: csv(form.roles.value), traits },
        owners: csv(form.owners.value).map(n => ({ name: n })),
        membership_requires: { roles: csv(form.requires.value), traits: (s.membership_requires && s.membership_requires.traits) || {} }
      });
      spec.audit = form.frequency.value ? Object.assign({}, s.audit || {}, { recurrence: { frequency: Number(form.frequency.value), day_of_month: form.day.value ? Number(form.day.value) : null } }) : null;
      return { kind: 'access_list', version: 'v1', metadata: Object.assign({}, existing ? existing.metadata : {}, { name: form.name.value.trim() }), spec };
    };
    const save = async (body, contentType, listName) => {
      problem.replaceChildren();
      if (!listName) { problem.replaceChildren(errorBox('Give the list a name.')); return; }
      try {
        await api('PUT', '/admin/access-lists/' + enc(listName), body, contentType);
        say('Access List saved.');
        location.hash = '#/lists/' + enc(listName);
      } catch (e) {
        problem.replaceChildren(errorBox(e.problems.length ? 'The list is not valid: ' + e.problems.join('; ') : e.message));
      }
    };
    form.addEventListener('submit', (event) => { event.preventDefault(); save(resource(), 'application/json', form.name.value.trim()); });
    const yaml = h('form', { id: 'yaml-form', hidden: true, novalidate: true },
      h('label', { for: 'list-yaml' }, 'The list in Teleport\'s resource shape (YAML)'),
      h('textarea', { id: 'list-yaml', name: 'yaml', spellcheck: 'false' }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'save-yaml' }, 'Save YAML')));
    yaml.addEventListener('submit', (event) => {
      event.preventDefault();
      const match = /^\s*name:\s*["']?([^"'\n]+?)["']?\s*$/m.exec(yaml.yaml.value.split(/^spec:/m)[0]);
      save(yaml.yaml.value, 'application/yaml', name || (match && match[1]));
    });
    const tab = (label, id, show) => h('button', { type: 'button', role: 'tab', id, 'aria-selected': String(show === 'form'), onclick: async () => {
      form.hidden = show !== 'form';
      yaml.hidden = show !== 'yaml';
      document.querySelectorAll('.tabs button').forEach(b => b.setAttribute('aria-selected', String(b.id === id)));
      if (show === 'yaml' && !yaml.yaml.value) {
        if (name) {
          const response = await fetch('/admin/access-lists/' + enc(name) + '?format=yaml', { credentials: 'same-origin', cache: 'no-store' });
          yaml.yaml.value = await response.text();
        } else {
          yaml.yaml.value = 'kind: access_list\nversion: v1\nmetadata:\n  name: my-list\nspec:\n  title: MyList\n  type: scim\n  grants:\n    roles: [requester]\n  owners:\n    - name: admin\n';
        }
      }
    } }, label);
    render(name ? 'Edit ' + s.title : 'New Access List',
      h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Editor' }, tab('Form', 'tab-form', 'form'), tab('YAML', 'tab-yaml', 'yaml')),
      problem, form, yaml);
  }

  // ---------------------------------------------------------------- routing

  async function route() {
    if (state.refresh) { clearInterval(state.refresh); state.refresh = null; }
    const hash = location.hash || '#/integrations';
    const parts = hash.slice(2).split('/').map(decodeURIComponent);
    if (parts[0] !== 'signin' && !state.csrf) {
      try {
        state.csrf = (await api('GET', '/admin/session')).csrfToken;
      } catch (e) {
        location.hash = '#/signin';
        if (hash === '#/signin') signIn();
        return;
      }
    }
    document.getElementById('nav').hidden = parts[0] === 'signin';
    document.querySelectorAll('#nav a').forEach(a => a.removeAttribute('aria-current'));
    const current = document.getElementById(parts[0] === 'lists' ? 'nav-lists' : 'nav-integrations');
    if (parts[0] !== 'signin') current.setAttribute('aria-current', 'page');
    try {
      if (parts[0] === 'signin') signIn();
      else if (parts[0] === 'credentials') credentials();
      else if (parts[0] === 'integrations' && parts[1] === 'new') await addIntegration();
      else if (parts[0] === 'integrations' && parts[1]) await integration(parts[1]);
      else if (parts[0] === 'lists' && parts[1] === 'new') await editList(null);
      else if (parts[0] === 'lists' && parts[1] && parts[2] === 'edit') await editList(parts[1]);
      else if (parts[0] === 'lists' && parts[1]) await list(parts[1]);
      else if (parts[0] === 'lists') await lists();
      else await integrations();
    } catch (e) {
      if (e.status !== 401) render('Something went wrong', errorBox(e.message));
    }
  }

  // a message said just before a navigation stays for the next page
  window.addEventListener('hashchange', () => { if (Date.now() - (state.saidAt || 0) > 1000) say(''); route(); });
  document.addEventListener('DOMContentLoaded', () => {
    document.getElementById('sign-out').addEventListener('click', async () => {
      try { await api('DELETE', '/admin/session'); } catch (e) { /* signed out either way */ }
      state.csrf = null;
      location.hash = '#/signin';
    });
    route();
  });
})();
