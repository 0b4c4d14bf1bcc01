// Runs SQL in DuckDB and prints the result as JSON: {"columns": [...], "types": [...], "rows": [[...], ...]}.
// Values are rendered canonically so that C# tests can compare exactly: integers and decimals as
// strings, dates as YYYY-MM-DD, timestamps as ISO-8601 with microseconds and Z, null as null.
// usage: node duckdb-query.mjs "<sql>"   (threads are limited to 2)
import { DuckDBInstance } from '@duckdb/node-api';

const sql = process.argv[2];
if (!sql) { console.error('usage: node duckdb-query.mjs "<sql>"'); process.exit(2); }

function render(value) {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  return value.toString();
}

try {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  const reader = await connection.runAndReadAll(sql);
  const columns = reader.columnNames();
  const types = reader.columnTypes().map(t => t.toString());
  const rows = reader.getRows().map(row => row.map(render));
  process.stdout.write(JSON.stringify({ columns, types, rows }));
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
