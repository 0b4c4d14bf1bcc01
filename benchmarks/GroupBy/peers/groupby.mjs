// The db-benchmark groupby questions in DuckDB and Polars (the peers Kindling is measured against).
// Usage: node groupby.mjs <csv> [threads=2] [duckdb,polars]
// Loads the CSV first (not timed), runs each question twice and prints one JSON line per question:
// {"engine","q","t1","t2","rows","chk"}; chk = [row count, sum of each measure column] as in GroupByQuestions.cs.
const [csv, threadArg = '2', enginesArg = 'duckdb,polars'] = process.argv.slice(2);
if (!csv) { console.error('usage: node groupby.mjs <csv> [threads] [duckdb,polars]'); process.exit(2); }
const threads = Number(threadArg);
const engines = enginesArg.split(',');
process.env.POLARS_MAX_THREADS ??= String(threads); // must be set before nodejs-polars loads

const questions = [
  ['q1', 'SELECT id1, sum(v1) AS v1 FROM x GROUP BY id1', ['v1']],
  ['q2', 'SELECT id1, id2, sum(v1) AS v1 FROM x GROUP BY id1, id2', ['v1']],
  ['q3', 'SELECT id3, sum(v1) AS v1, avg(v3) AS v3 FROM x GROUP BY id3', ['v1', 'v3']],
  ['q4', 'SELECT id4, avg(v1) AS v1, avg(v2) AS v2, avg(v3) AS v3 FROM x GROUP BY id4', ['v1', 'v2', 'v3']],
  ['q5', 'SELECT id6, sum(v1) AS v1, sum(v2) AS v2, sum(v3) AS v3 FROM x GROUP BY id6', ['v1', 'v2', 'v3']],
  ['q6', 'SELECT id4, id5, quantile_cont(v3, 0.5) AS median_v3, stddev(v3) AS sd_v3 FROM x GROUP BY id4, id5', ['median_v3', 'sd_v3']],
  ['q7', 'SELECT id3, max(v1) - min(v2) AS range_v1_v2 FROM x GROUP BY id3', ['range_v1_v2']],
  ['q8', 'SELECT id6, v3 AS largest2_v3 FROM (SELECT id6, v3, row_number() OVER (PARTITION BY id6 ORDER BY v3 DESC) AS order_v3 FROM x WHERE v3 IS NOT NULL) sub_query WHERE order_v3 <= 2', ['largest2_v3']],
  ['q9', 'SELECT id2, id4, pow(corr(v1, v2), 2) AS r2 FROM x GROUP BY id2, id4', ['r2']],
  ['q10', 'SELECT id1, id2, id3, id4, id5, id6, sum(v3) AS v3, count(*) AS count FROM x GROUP BY id1, id2, id3, id4, id5, id6', ['v3', 'count']],
];

const print = (engine, q, times, rows, chk) =>
  console.log(JSON.stringify({ engine, q, t1: +times[0].toFixed(4), t2: +times[1].toFixed(4), rows, chk }));
const now = () => Number(process.hrtime.bigint()) / 1e9;

async function runDuckDb() {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  await con.run(`SET threads=${threads}`);
  const t0 = now();
  await con.run(`CREATE TABLE x AS SELECT * FROM read_csv_auto('${csv.replaceAll("'", "''")}')`);
  console.error(`duckdb: loaded ${csv} in ${(now() - t0).toFixed(1)}s`);
  for (const [q, sql, measures] of questions) {
    const times = [];
    let rows = 0, chk = [];
    for (let run = 0; run < 2; run++) {
      await con.run('DROP TABLE IF EXISTS ans');
      const start = now();
      await con.run(`CREATE TABLE ans AS ${sql}`);
      times.push(now() - start);
      const sums = measures.map(m => `sum(CAST("${m}" AS DOUBLE))`).join(', ');
      const reader = await con.runAndReadAll(`SELECT count(*)::DOUBLE, ${sums} FROM ans`);
      chk = reader.getRows()[0].map(Number);
      rows = chk[0];
    }
    await con.run('DROP TABLE IF EXISTS ans');
    print('duckdb', q, times, rows, chk);
  }
}

async function runPolars() {
  const pl = (await import('nodejs-polars')).default;
  const t0 = now();
  const df = pl.readCSV(csv, {
    dtypes: { id1: pl.Utf8, id2: pl.Utf8, id3: pl.Utf8, id4: pl.Int32, id5: pl.Int32, id6: pl.Int32, v1: pl.Int32, v2: pl.Int32, v3: pl.Float64 },
  }).withColumns(pl.col('id1').cast(pl.Categorical), pl.col('id2').cast(pl.Categorical), pl.col('id3').cast(pl.Categorical));
  console.error(`polars: loaded ${csv} in ${(now() - t0).toFixed(1)}s`);
  const c = pl.col;
  const lazy = () => df.lazy();
  const plans = {
    q1: () => lazy().groupBy('id1').agg(c('v1').sum().alias('v1')),
    q2: () => lazy().groupBy(['id1', 'id2']).agg(c('v1').sum().alias('v1')),
    q3: () => lazy().groupBy('id3').agg(c('v1').sum().alias('v1'), c('v3').mean().alias('v3')),
    q4: () => lazy().groupBy('id4').agg(c('v1').mean().alias('v1'), c('v2').mean().alias('v2'), c('v3').mean().alias('v3')),
    q5: () => lazy().groupBy('id6').agg(c('v1').sum().alias('v1'), c('v2').sum().alias('v2'), c('v3').sum().alias('v3')),
    q6: () => lazy().groupBy(['id4', 'id5']).agg(c('v3').median().alias('median_v3'), c('v3').std().alias('sd_v3')),
    q7: () => lazy().groupBy('id3').agg(c('v1').max().sub(c('v2').min()).alias('range_v1_v2')),
    q8: () => lazy().dropNulls('v3').sort('v3', true).groupBy('id6').agg(c('v3').head(2).alias('largest2_v3')).explode('largest2_v3'),
    q9: () => lazy().groupBy(['id2', 'id4']).agg(pl.pearsonCorr('v1', 'v2').pow(2).alias('r2')),
    q10: () => lazy().groupBy(['id1', 'id2', 'id3', 'id4', 'id5', 'id6']).agg(c('v3').sum().alias('v3'), pl.count('v1').alias('count')),
  };
  for (const [q, , measures] of questions) {
    const times = [];
    let ans;
    for (let run = 0; run < 2; run++) {
      const start = now();
      ans = await plans[q]().collect();
      times.push(now() - start);
    }
    const chk = [ans.height, ...measures.map(m => Number(ans.getColumn(m).cast(pl.Float64).sum()))];
    print('polars', q, times, ans.height, chk);
  }
}

if (engines.includes('duckdb')) await runDuckDb();
if (engines.includes('polars')) await runPolars();
