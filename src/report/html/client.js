// The page script of `sale bench report` (plain browser JavaScript, inlined into the HTML file).
// Everything a run recorded is shown with textContent, never parsed as HTML: model output is hostile.
'use strict';
(() => {
  const $ = (sel, root = document) => root.querySelector(sel);
  const el = (tag, attrs = {}, ...kids) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') e.textContent = String(v);
      else if (k === 'onclick' || k === 'onchange' || k === 'oninput' || k === 'ontoggle') e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const kid of kids.flat()) if (kid !== null && kid !== undefined) e.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
    return e;
  };
  const pct = (x) => (x === null || x === undefined || Number.isNaN(x) ? '—' : `${(100 * x).toFixed(1)} %`);
  const usd = (x) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x === 0 ? '0' : x.toPrecision(3));
  const num = (x, d = 3) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : Number(x.toPrecision(d)).toString());

  async function decode(id) {
    const b64 = document.getElementById(id).textContent.trim();
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return JSON.parse(await new Response(stream).text());
  }
  const chunkCache = new Map();
  const chunk = (i) => {
    if (!chunkCache.has(i)) chunkCache.set(i, decode(`chunk-${i}`));
    return chunkCache.get(i);
  };

  // ---- tabs
  const shown = new Set(['summary']);
  function showTab(name) {
    for (const b of document.querySelectorAll('#tabs button')) b.classList.toggle('active', b.dataset.tab === name);
    for (const s of document.querySelectorAll('.tab')) s.classList.toggle('active', s.id === name);
    if (!shown.has(name)) {
      shown.add(name);
      if (name === 'plots') renderPlots();
    }
  }

  // ---- summary: one sortable table per domain
  const COLUMNS = [
    ['system', 'system', (r) => r.system, (r) => r.system],
    ['kind', 'kind', (r) => r.kind, (r) => r.kind],
    ['tasks', 'tasks', (r) => r.tasks, (r) => r.tasks],
    ['infra', 'infra errors', (r) => r.infra, (r) => r.infra],
    ['pass1', 'pass@1 (95 % CI)', (r) => r.pass1, (r) => `${pct(r.pass1)} (${pct(r.ciLow)}–${pct(r.ciHigh)})`],
    ['costPerTask', 'cost/task $ (95 % CI)', (r) => r.costPerTask, (r) => `${usd(r.costPerTask)} (${usd(r.costLow)}–${usd(r.costHigh)})`],
    ['relativeCost', 'cost vs largest', (r) => r.relativeCost, (r) => num(r.relativeCost)],
    ['largestShare', 'largest-agent share', (r) => r.largestShare, (r) => pct(r.largestShare)],
    ['aiq', 'AIQ', (r) => r.aiq, (r) => num(r.aiq)],
    ['apgr', 'APGR', (r) => r.apgr, (r) => num(r.apgr)],
    ['tau50', 'τ50 min', (r) => r.tau50, (r) => (r.tau50 === null ? r.tau50Note || '—' : num(r.tau50))],
  ];
  function sortableTable(rows, columns, cls) {
    const table = el('table', { class: `sortable ${cls}` });
    const tbody = el('tbody');
    let state = { col: -1, dir: 1 };
    const fill = () => {
      tbody.replaceChildren(...rows.map((r) => el('tr', {}, columns.map((c) => el('td', { class: typeof c[2](r) === 'number' ? 'num' : '', text: c[3](r) })))));
    };
    const head = el(
      'tr',
      {},
      columns.map((c, i) =>
        el('th', {
          text: c[1],
          'data-key': c[0],
          onclick: (e) => {
            state = { col: i, dir: state.col === i ? -state.dir : 1 };
            const v = (r) => c[2](r);
            rows = [...rows].sort((a, b) => {
              const x = v(a), y = v(b);
              if (x === y) return 0;
              if (x === null || x === undefined) return 1;
              if (y === null || y === undefined) return -1;
              return (typeof x === 'number' ? x - y : String(x).localeCompare(String(y), 'en', { numeric: true })) * state.dir;
            });
            for (const th of head.children) th.removeAttribute('aria-sort');
            e.currentTarget.setAttribute('aria-sort', state.dir > 0 ? 'ascending' : 'descending');
            fill();
          },
        }),
      ),
    );
    table.append(el('thead', {}, head), tbody);
    fill();
    return table;
  }
  function renderSummary(p) {
    const root = $('#summary');
    root.append(
      el('div', { class: 'runs' }, el('h2', { text: 'Runs' }), sortableTable(p.runs, [
        ['runId', 'run', (r) => r.runId, (r) => r.runId],
        ['status', 'status', (r) => r.status, (r) => r.status],
        ['provider', 'provider', (r) => r.provider, (r) => r.provider],
        ['attempts', 'attempts', (r) => r.attempts, (r) => r.attempts],
        ['auctions', 'SALE auctions', (r) => r.auctions, (r) => r.auctions],
        ['createdAt', 'created', (r) => r.createdAt, (r) => r.createdAt],
      ], 'runs-table')),
    );
    for (const w of p.warnings) root.append(el('p', { class: 'warning', text: w }));
    for (const d of p.summary) root.append(el('h2', { text: d.domain }), sortableTable(d.rows, COLUMNS, `summary-table domain-${d.domain}`));
    root.append(el('p', { class: 'note', text: 'pass@1 over graded attempts (infrastructure errors counted apart); Wilson 95 % interval; cost interval: bootstrap over tasks within τ bins. Click a column to sort.' }));
  }

  // ---- plots (rendered when the tab first opens)
  async function renderPlots() {
    const root = $('#plots');
    const done = [];
    for (const plot of payload.plots) {
      const box = el('figure', { class: 'plot', 'data-plot': `${plot.domain}/${plot.name}` });
      root.append(box);
      done.push(vegaEmbed(box, plot.spec, { renderer: 'svg', actions: false }).then(() => box.classList.add('rendered')));
    }
    await Promise.all(done);
    root.dataset.rendered = String(done.length);
  }

  // ---- task browser
  const filters = { suite: '', bin: '', system: '', outcome: '', q: '' };
  let page = 1;
  const PAGE = 100;
  function options(values, label) {
    return [el('option', { value: '', text: `all ${label}` }), ...values.map((v) => el('option', { value: String(v), text: String(v) }))];
  }
  function matching() {
    const q = filters.q.toLowerCase();
    return payload.attempts.filter(
      (a) =>
        (!filters.suite || a.suite === filters.suite) &&
        (!filters.bin || String(a.bin) === filters.bin) &&
        (!filters.system || a.system === filters.system) &&
        (!filters.outcome || a.status === filters.outcome) &&
        (!q || a.taskId.toLowerCase().includes(q)),
    );
  }
  function renderTaskList() {
    const attempts = matching();
    const tasks = new Map();
    for (const a of attempts) {
      if (!tasks.has(a.taskId)) tasks.set(a.taskId, []);
      tasks.get(a.taskId).push(a);
    }
    const list = $('#task-list');
    const ids = [...tasks.keys()];
    $('#task-count').textContent = `${ids.length} tasks · ${attempts.length} attempts`;
    list.replaceChildren(
      ...ids.slice(0, page * PAGE).map((id) => {
        const as = tasks.get(id);
        const a0 = as[0];
        const passed = as.filter((a) => a.status === 'passed').length;
        return el('tr', { class: 'task-row', 'data-task': id, onclick: () => openTask(id) },
          el('td', { text: id }), el('td', { text: a0.suite }), el('td', { class: 'num', text: `b${a0.bin + 1}` }), el('td', { class: 'num', text: num(a0.tau) }),
          el('td', { class: 'num', text: `${passed}/${as.length}` }));
      }),
    );
    $('#more').hidden = ids.length <= page * PAGE;
  }
  function renderTasks() {
    const root = $('#tasks');
    const uniq = (f) => [...new Set(payload.attempts.map(f))].sort((a, b) => String(a).localeCompare(String(b), 'en', { numeric: true }));
    const select = (key, values, label) => el('select', { id: `filter-${key}`, onchange: (e) => { filters[key] = e.target.value; page = 1; renderTaskList(); } }, options(values, label));
    root.append(
      el('div', { class: 'filters' },
        select('suite', uniq((a) => a.suite), 'suites'),
        select('bin', uniq((a) => a.bin), 'bins'),
        select('system', uniq((a) => a.system), 'systems'),
        select('outcome', ['passed', 'failed', 'infra-error'], 'outcomes'),
        el('input', { id: 'filter-q', type: 'search', placeholder: 'task id…', oninput: (e) => { filters.q = e.target.value; page = 1; renderTaskList(); } }),
        el('span', { id: 'task-count' })),
      el('div', { class: 'browser' },
        el('div', { class: 'list' }, el('table', { class: 'tasks' }, el('thead', {}, el('tr', {}, ['task', 'suite', 'bin', 'τ min', 'passed'].map((h) => el('th', { text: h })))), el('tbody', { id: 'task-list' })),
          el('button', { id: 'more', onclick: () => { page++; renderTaskList(); }, text: 'show more' })),
        el('div', { id: 'task-detail', class: 'detail' }, el('p', { class: 'note', text: 'Pick a task to see its attempts.' }))),
    );
    renderTaskList();
  }
  function openTask(id) {
    for (const r of document.querySelectorAll('.task-row')) r.classList.toggle('selected', r.dataset.task === id);
    const attempts = matching().filter((a) => a.taskId === id);
    const root = $('#task-detail');
    root.replaceChildren(el('h2', { text: id }));
    for (const a of attempts) {
      const d = el('details', { class: `attempt ${a.status}`, 'data-system': a.system },
        el('summary', {}, el('b', { text: a.system }), ` · ${a.agent} · `, el('span', { class: `outcome ${a.status}`, text: a.status }),
          ` · $${usd(a.costUsd)} · ${a.inputTokens}+${a.outputTokens} tokens · ${num(a.gpuSeconds)} GPU-s`, a.sale ? el('span', { class: 'tag', text: 'auction' }) : null));
      d.addEventListener('toggle', async () => {
        if (!d.open || d.dataset.loaded) return;
        d.dataset.loaded = '1';
        const detail = (await chunk(a.chunk))[a.pos];
        d.append(window.saleAttemptView(detail, a, { el, pct, usd, num }));
      });
      root.append(d);
    }
  }

  // ---- start
  let payload;
  decode('payload')
    .then((p) => {
      payload = p;
      renderSummary(p);
      renderTasks();
      for (const b of document.querySelectorAll('#tabs button')) b.addEventListener('click', () => showTab(b.dataset.tab));
      $('#status').textContent = `${p.attempts.length} attempts · ${p.label ? `${p.label} · ` : ''}generated ${p.generatedAt}`;
      if (p.label) $('#status').classList.add('label');
      document.body.dataset.ready = String(performance.now());
    })
    .catch((e) => {
      $('#status').textContent = `cannot read the embedded data: ${e.message}`;
      throw e;
    });
})();
