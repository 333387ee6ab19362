// Baseline: what plain Node.js does to read what a fidelity report of stored cases depends on,
// with the same drivers: one query for the revisions of a site's cases (each case's own, and
// its records' up to the instant), and JSON.parse of every state.
//   node bench/baselines/read-rows.js DATABASE_URL SITE UP_TO
const [url, site, upTo] = process.argv.slice(2);

const sql = (p) => `SELECT r.case_id, r.entity_type, r.entity_id, r.at, r.state
  FROM revisions r JOIN cases c ON c.id = r.case_id
  WHERE c.site_code = ${p(1)} AND c.deleted = ${p(2)} AND r.entity_type <> 'person' AND (r.entity_type = 'case' OR r.at <= ${p(3)})
  ORDER BY r.case_id, r.entity_type, r.entity_id, r.version`;

let rows = 0;
function parse(state) {
  if (state !== null) JSON.parse(state);
  rows++;
}

async function main() {
  if (url.startsWith('sqlite:')) {
    const Database = require('better-sqlite3');
    const db = new Database(url.slice('sqlite:'.length), { readonly: true });
    for (const r of db.prepare(sql(() => '?')).raw().iterate(site, 0, upTo)) parse(r[4]);
  } else {
    const { Client } = require('pg');
    const client = new Client({ connectionString: url });
    await client.connect();
    const result = await client.query({ text: sql((i) => `$${i}`), values: [site, false, upTo], rowMode: 'array' });
    for (const r of result.rows) parse(r[4]);
    await client.end();
  }
  if (rows === 0) throw new Error('no rows');
}

main().catch((e) => {
  process.stderr.write(`${e.stack}\n`);
  process.exit(1);
});
