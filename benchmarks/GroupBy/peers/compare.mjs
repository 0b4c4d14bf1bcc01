// Reads JSON lines ({"engine","q","t1","t2","rows","chk"}) on stdin and prints the comparison table:
// best-of-two seconds per engine, Kindling's ratio to each peer (< 1 = Kindling faster) and checksum agreement.
import { createInterface } from 'node:readline';

const results = new Map();
for await (const line of createInterface({ input: process.stdin })) {
  if (!line.startsWith('{')) continue;
  const r = JSON.parse(line);
  if (!results.has(r.q)) results.set(r.q, {});
  results.get(r.q)[r.engine] = r;
}
const close = (a, b) => a.length === b.length && a.every((x, i) => Math.abs(x - b[i]) <= 1e-6 * Math.max(1, Math.abs(x), Math.abs(b[i])));
const best = r => (r ? Math.min(r.t1, r.t2) : NaN);
const fmt = (x, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : '-');
const kEngines = [...new Set([...results.values()].flatMap(v => Object.keys(v)).filter(e => e.startsWith('kindling')))];
const header = ['question', ...kEngines.map(k => `${k} s`), 'duckdb s', 'polars s', ...kEngines.flatMap(k => [`${k}/duckdb`, `${k}/polars`]), 'checksums'];
const rows = [header];
const totals = {};
for (const [q, r] of results) {
  const k = kEngines.map(e => best(r[e]));
  const d = best(r.duckdb), p = best(r.polars);
  const all = Object.values(r);
  const agree = all.every(x => close(x.chk, all[0].chk)) ? `agree (${all.length})` : 'DIFFER: ' + all.map(x => `${x.engine}=${JSON.stringify(x.chk)}`).join(' ');
  for (const x of all) totals[x.engine] = (totals[x.engine] ?? 0) + best(x);
  rows.push([q, ...k.map(x => fmt(x)), fmt(d), fmt(p), ...k.flatMap(x => [fmt(x / d, 2), fmt(x / p, 2)]), agree]);
}
rows.push(['total', ...kEngines.map(e => fmt(totals[e])), fmt(totals.duckdb), fmt(totals.polars),
  ...kEngines.flatMap(e => [fmt(totals[e] / totals.duckdb, 2), fmt(totals[e] / totals.polars, 2)]), '']);
const widths = header.map((_, i) => Math.max(...rows.map(r => String(r[i]).length)));
for (const r of rows) console.log(r.map((c, i) => String(c).padEnd(widths[i])).join('  '));
