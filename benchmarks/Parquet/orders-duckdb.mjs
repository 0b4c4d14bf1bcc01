// DuckDB's side of the Parquet end-to-end benchmark: builds the orders rows with the same formulas as
// OrdersTable.cs (not timed), times COPY TO snappy Parquet, then times reading every column of its own
// file and of Kindling's file (best of three runs each). Threads are fixed (default 2) so both engines use the same cores.
// usage: node orders-duckdb.mjs ROWS FOLDER [THREADS]
import { DuckDBInstance } from '@duckdb/node-api';
import { statSync, existsSync } from 'node:fs';

const [rows = '10000000', folder = '/tmp', threads = '2'] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:', { threads });
const db = await instance.connect();
await db.run("SET TimeZone = 'UTC'");
await db.run(`CREATE TABLE orders AS SELECT
    i + 1 AS order_id,
    i * 7919 % 5000 + 1 AS prod_id,
    i * 104729 % 500000 + 1 AS customer_id,
    (i * 104729 % 500000 + 1) % 5000 + 1 AS company_id,
    (i % 20 + 1)::INTEGER AS quantity,
    ((i * 31 % 200000 + 100) * 100 / 10000.0)::DECIMAL(15,4) AS prod_quote_price,
    TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_seconds(i * 3) AS created_at,
    CASE WHEN i % 2 = 1 THEN 'lead' ELSE 'direct' END AS source,
    CASE WHEN i % 2 = 1 THEN i END AS crm_lead_id
  FROM range(${rows}::BIGINT) t(i)`);

const own = `${folder}/orders-duckdb.parquet`, ours = `${folder}/orders-kindling.parquet`;
// Best of three writes, as for the reads below.
let write = Infinity;
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  await db.run(`COPY orders TO '${own}' (FORMAT parquet, COMPRESSION snappy)`);
  write = Math.min(write, (performance.now() - t) / 1000);
}

// Reading every column: an aggregate over each forces DuckDB to decode all of them.
async function read(file) {
  const start = performance.now();
  await db.runAndReadAll(`SELECT count(*), sum(order_id), sum(prod_id), sum(customer_id), sum(company_id), sum(quantity),
    sum(prod_quote_price), max(created_at), max(source), sum(crm_lead_id) FROM read_parquet('${file}')`);
  return (performance.now() - start) / 1000;
}
// Best of three reads of each file (both engines report their best, so noise on this shared machine counts less).
async function best(file) {
  let t = Infinity;
  for (let i = 0; i < 3; i++) t = Math.min(t, await read(file));
  return t;
}
const readOwn = await best(own);
const readOurs = existsSync(ours) ? await best(ours) : null;
console.log(JSON.stringify({ engine: 'duckdb', rows: Number(rows), threads: Number(threads), write_s: +write.toFixed(3),
  read_own_s: +readOwn.toFixed(3), read_kindling_file_s: readOurs === null ? null : +readOurs.toFixed(3), bytes: statSync(own).size }));
