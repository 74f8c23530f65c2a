// One attempt opened in the task browser: the grader's verdict (per-test results), the model calls with
// their engine counters, the conversation with tool calls and their outputs, the route a router took,
// and for SALE the auction. Plain browser JavaScript, inlined into the page; text only, never HTML.
'use strict';
window.saleAttemptView = (d, row, { el, usd, num }) => {
  const section = (title, ...kids) => el('section', { class: 'part' }, el('h3', { text: title }), ...kids);
  const pre = (text, cls = '') => el('pre', { class: cls, text: typeof text === 'string' ? text : JSON.stringify(text, null, 2) });
  const table = (cls, head, rows) =>
    el('table', { class: cls }, el('thead', {}, el('tr', {}, head.map((h) => el('th', { text: h })))), el('tbody', {}, rows.map((r) => el('tr', {}, r.map((c) => (c instanceof Node ? el('td', {}, c) : el('td', { text: c ?? '—' })))))));
  const out = el('div', { class: 'attempt-body' });

  // Verdict
  const g = d.grade;
  const verdict = [];
  if (g) {
    verdict.push(el('p', {}, el('span', { class: `outcome ${g.passed ? 'passed' : 'failed'}`, text: g.passed ? 'passed' : 'failed' }), ` · score ${num(g.score)} · ${g.reason}`));
    const tests = g.details && Array.isArray(g.details.tests) ? g.details.tests : null;
    if (tests) verdict.push(table('tests', ['test', 'result', 'error'], tests.map((t, i) => [String(i), t.ok ? 'ok' : 'FAIL', t.error || ''])));
    const rest = g.details ? Object.fromEntries(Object.entries(g.details).filter(([k]) => k !== 'tests')) : {};
    if (Object.keys(rest).length) verdict.push(pre(rest, 'small'));
  } else verdict.push(el('p', { text: 'not graded' }));
  if (d.infraError) verdict.push(el('p', { class: 'warning', text: `infrastructure error (${d.infraError.kind}): ${d.infraError.message}` }));
  verdict.push(el('p', { class: 'note', text: `stop: ${d.stopReason} · wall ${d.timings.wallMs} ms · GPU ${num(d.timings.gpuSeconds)} s · load ${num(d.timings.loadSeconds)} s · ${d.usage.inputTokens} in + ${d.usage.outputTokens} out tokens · $${usd(row.costUsd)}` }));
  if (d.submission) verdict.push(el('details', {}, el('summary', { text: 'submission' }), pre(d.submission)));
  out.append(section('Verdict', ...verdict));

  // SALE auction
  const a = d.auction;
  if (a) {
    const meanJury = (b) => {
      const v = Object.values(b.jury).filter((x) => x !== null);
      return v.length ? num(v.reduce((s, x) => s + x, 0) / v.length) : '—';
    };
    const plan = (b) => el('details', {}, el('summary', { text: `${b.lengthTokens} tokens${b.cut ? ' (cut)' : ''}` }), pre(b.text, 'plan'));
    const judges = Object.keys(a.gamma[Object.keys(a.gamma)[0]] || {});
    out.append(
      section(
        `Auction (${a.variant}, order ${a.order}, position ${a.position})`,
        el('h4', { text: 'Bids' }),
        table('bids', ['agent', 'plan', 'H (nats)', 'mean γ', 'C', 'V', 'C − V'], a.bids.map((b) => [b.agent + (b.agent === a.provisional ? ' ◀ provisional' : ''), plan(b), b.entropy === null ? 'missing' : `${num(b.entropy)} (${b.entropyKind})`, meanJury(b), num(b.C, 4), num(b.V, 4), num(b.z, 4)])),
        el('h4', { text: 'Jury matrix γ (rows: bidder, columns: judge; 0–5)' }),
        table('jury', ['bidder \\ judge', ...judges], Object.entries(a.gamma).map(([bidder, row]) => [bidder, ...judges.map((j) => (row[j] === null || row[j] === undefined ? 'missing' : String(row[j])))])),
        el('p', {}, 'Provisional winner: ', el('b', { text: a.provisional })),
        el('h4', { text: 'Memory retrieved' }),
        a.retrieved.length ? table('memory', ['entry', 'task', 'similarity'], a.retrieved.map((m) => [m.id, m.taskId, num(m.similarity)])) : el('p', { class: 'note', text: 'none (memory empty or off)' }),
        el('h4', { text: 'Refinements' }),
        a.refinements.length
          ? table('refinements', ['agent', 'plan', 'H (nats)', 'C', 'V', 'C − V', 'memory entries used'], a.refinements.map((b) => [b.agent, plan(b), b.entropy === null ? 'missing' : num(b.entropy), num(b.C, 4), num(b.V, 4), num(b.z, 4), (b.pairs || []).join(', ') || '—']))
          : el('p', { class: 'note', text: 'none (no cheaper agent refined)' }),
        el('p', { class: 'winner' }, 'Final winner: ', el('b', { text: a.winner.agent }), a.winner.refined ? ' (refined plan)' : '', a.replaced ? ' — replaced the provisional winner' : ''),
        el('p', { class: 'note', text: `overhead: bid ${a.overhead.tokens.bid}, jury ${a.overhead.tokens.judge}, refine ${a.overhead.tokens.refine} tokens · $${usd(a.overhead.costUsd)} · ${a.overhead.reused} calls reused` }),
      ),
    );
  }

  // Route (routers)
  if (d.route) {
    out.append(section('Route', table('route', ['agent', 'attempt', 'passed', 'cost $'], d.route.attempts.map((r) => [r.agent, r.key, r.passed ? 'yes' : 'no', usd(r.costUsd)])), d.route.details ? el('details', {}, el('summary', { text: 'router details' }), pre(d.route.details, 'small')) : null));
  }

  // Model calls
  if (d.calls.length)
    out.append(
      section('Model calls', table('calls', ['#', 'type', 'turn', 'in', 'out', 'finish', 'wall ms', 'engine ms', 'tries', 'truncated'], d.calls.map((c, i) => [String(i + 1), c.callType, String(c.turn), String(c.inputTokens), String(c.outputTokens), c.finishReason ? c.finishReason.unified : '—', String(c.wallMs), c.timings && c.timings.totalNs ? num(c.timings.totalNs / 1e6) : '—', String(c.attempts), c.truncated ? 'yes' : '']))),
    );

  // Conversation
  const msgs = d.messages.map((m) =>
    el('div', { class: `msg ${m.role}` },
      el('div', { class: 'role', text: m.role === 'tool' ? `tool output: ${m.toolName || ''}` : m.role }),
      m.thinking ? el('details', {}, el('summary', { text: 'thinking' }), pre(m.thinking, 'thinking')) : null,
      m.content ? pre(m.content) : null,
      ...(m.toolCalls || []).map((t) => el('div', { class: 'toolcall' }, el('span', { class: 'role', text: `tool call: ${t.name}` }), pre(t.arguments)))),
  );
  out.append(section(`Conversation (${d.messages.length} messages)`, ...(msgs.length ? msgs : [el('p', { class: 'note', text: 'not recorded (slim records)' })])));
  return out;
};
