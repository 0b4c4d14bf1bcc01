// Reads a Parquet file with Polars and writes it again with Polars' own writer.
// usage: node polars-rewrite.mjs <in.parquet> <out.parquet> [compression] [rowGroupSize]
import pl from 'nodejs-polars';

const [input, output, compression = 'zstd', rowGroupSize] = process.argv.slice(2);
if (!input || !output) { console.error('usage: node polars-rewrite.mjs <in> <out> [compression] [rowGroupSize]'); process.exit(2); }
try {
  const df = pl.readParquet(input);
  const options = { compression };
  if (rowGroupSize) options.rowGroupSize = Number(rowGroupSize);
  df.writeParquet(output, options);
  process.stdout.write(JSON.stringify({ rows: df.height, columns: df.columns }));
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
