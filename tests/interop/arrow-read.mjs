// Reads a Parquet file with parquet-wasm (the Rust arrow-rs/parquet crates) into Apache Arrow JS and
// prints each column's values exactly, from Arrow's buffers: {"rows": N, "columns": {name: {"type": t, "values": [...]}}}.
// Integers, dates (days), timestamps (unit as stored) and decimals (unscaled) print as decimal strings,
// floats as JSON numbers, strings as strings, booleans as true/false, nulls as null.
// usage: node arrow-read.mjs <file.parquet>
import { readFileSync } from 'node:fs';
import { readParquet } from 'parquet-wasm';
import { tableFromIPC } from 'apache-arrow';

const file = process.argv[2];
if (!file) { console.error('usage: node arrow-read.mjs <file.parquet>'); process.exit(2); }

function isValid(data, i) {
  const bitmap = data.nullBitmap;
  if (!bitmap || bitmap.length === 0 || data.nullCount === 0) return true;
  const j = data.offset + i;
  return (bitmap[j >> 3] >> (j & 7)) & 1;
}

function decimal128(words, i) {
  let v = 0n;
  for (let w = 3; w >= 0; w--) v = (v << 32n) | BigInt(words[i * 4 + w]);
  return BigInt.asIntN(128, v).toString();
}

function valueAt(data, i, typeName) {
  const j = data.offset + i;
  switch (typeName) {
    case 'Bool': return Boolean((data.values[j >> 3] >> (j & 7)) & 1);
    case 'Utf8': case 'LargeUtf8': {
      const o = data.valueOffsets;
      return new TextDecoder().decode(data.values.subarray(Number(o[j]), Number(o[j + 1])));
    }
    case 'Decimal': return decimal128(data.values, j);
    case 'Float': return data.values[j];
    default: return data.values[j].toString();
  }
}

try {
  const wasmTable = readParquet(new Uint8Array(readFileSync(file)));
  const table = tableFromIPC(wasmTable.intoIPCStream());
  const columns = {};
  for (const field of table.schema.fields) {
    const vector = table.getChild(field.name);
    const typeName = vector.type.constructor.name.replace(/_$/, '') === 'Bool' ? 'Bool' : (field.type.typeId === 5 ? 'Utf8' : vector.type.constructor.name);
    const kind = String(field.type).startsWith('Decimal') ? 'Decimal' : String(field.type).startsWith('Float') ? 'Float'
      : String(field.type) === 'Bool' ? 'Bool' : String(field.type).startsWith('Utf8') || String(field.type).startsWith('LargeUtf8') ? 'Utf8' : typeName;
    const values = [];
    for (const data of vector.data)
      for (let i = 0; i < data.length; i++) values.push(isValid(data, i) ? valueAt(data, i, kind) : null);
    columns[field.name] = { type: String(field.type), values };
  }
  process.stdout.write(JSON.stringify({ rows: table.numRows, columns }));
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
