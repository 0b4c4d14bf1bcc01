using System.Diagnostics;
using Kindling.Formats.Parquet;
using Kindling.Vectors;

namespace Kindling.Benchmarks.Parquet;

/// <summary>
/// End-to-end: writes the orders table to a snappy Parquet file and reads every column back, timing
/// each (reads: best of three), the way orders-duckdb.mjs times DuckDB on the same rows. Prints one JSON line of seconds.
/// usage: Kindling.Benchmarks parquet-e2e ROWS FOLDER [WRITES] (the best of WRITES writes is reported; default 1)
/// </summary>
internal static class ParquetEndToEnd
{
    public static int Run(string[] args)
    {
        long rows = args.Length > 1 ? long.Parse(args[1]) : 10_000_000;
        string folder = args.Length > 2 ? args[2] : Path.GetTempPath();
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "orders-kindling.parquet");

        var batches = OrdersTable.Build(rows);
        double write = double.MaxValue;
        int writes = args.Length > 3 ? int.Parse(args[3]) : 1;
        for (int i = 0; i < writes; i++)
        {
            var clock = Stopwatch.StartNew();
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
            using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            using (var writer = new ParquetWriter(stream, OrdersTable.Schema))
                foreach (var batch in batches) writer.WriteBatch(batch);
            write = Math.Min(write, clock.Elapsed.TotalSeconds);
            Console.Error.WriteLine($"write {i}: {clock.Elapsed.TotalSeconds:F3} s, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F3} s CPU");
        }
        batches.Clear();
        // The input table is garbage now; collect it outside the timed reads (DuckDB has no such garbage).
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);

        // Read the file every engine wrote, if present, so reads compare on identical bytes.
        double Read(string file)
        {
            var sw = Stopwatch.StartNew();
            long read = 0, checksum = 0;
            using var reader = ParquetFileReader.Open(file);
            foreach (var batch in reader.ReadBatches())
            {
                read += batch.RowCount;
                checksum += ((PrimitiveVector<long>)batch[0]).Values[^1];
            }
            if (read != rows) throw new InvalidOperationException($"read {read} rows of {rows}");
            return sw.Elapsed.TotalSeconds;
        }

        // Best of three reads of each file, as the DuckDB script reports; the first read of a process includes JIT.
        double Best(string file)
        {
            double best = double.MaxValue;
            for (int i = 0; i < 3; i++)
            {
                best = Math.Min(best, Read(file));
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            }
            return best;
        }
        double readOwn = Best(path);
        string duck = Path.Combine(folder, "orders-duckdb.parquet");
        double? readDuck = File.Exists(duck) ? Best(duck) : null;
        Console.WriteLine($"{{\"engine\":\"kindling\",\"rows\":{rows},\"write_s\":{write:F3},\"read_own_s\":{readOwn:F3},\"read_duckdb_file_s\":{(readDuck is null ? "null" : readDuck.Value.ToString("F3"))},\"bytes\":{new FileInfo(path).Length}}}");
        return 0;
    }
}
