using System.Globalization;
using System.Text;
using Kindling.Execution.Operators.Source;
using Kindling.Vectors;

namespace Kindling.Benchmarks.GroupBy;

/// <summary>
/// The db-benchmark "groupby" G1 data (h2oai/db-benchmark _data/groupby-datagen.R) with its distributions:
/// N rows, K groups: id1, id2 = "id%03d" of sample(K); id3 = "id%010d" of sample(N/K); id4, id5 = sample(K);
/// id6 = sample(N/K); v1 = sample(5); v2 = sample(15); v3 = round(runif(max = 100), 6). A seeded xorshift RNG
/// makes the CSV and the in-memory batches identical (same draw order: row by row, column by column).
/// </summary>
internal sealed class GroupByData
{
    public const int K = 100;

    public static readonly Schema Schema = new(
    [
        new Field("id1", ColumnType.String, false), new Field("id2", ColumnType.String, false), new Field("id3", ColumnType.String, false),
        new Field("id4", ColumnType.Int32, false), new Field("id5", ColumnType.Int32, false), new Field("id6", ColumnType.Int32, false),
        new Field("v1", ColumnType.Int32, false), new Field("v2", ColumnType.Int32, false), new Field("v3", ColumnType.Float64, false),
    ]);

    /// <summary>Draws one row's values into the given slots (ids as 1-based ints; v3 already rounded).</summary>
    private struct Rng(ulong seed)
    {
        private ulong _state = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;

        private ulong Next()
        {
            // xorshift64*
            _state ^= _state >> 12;
            _state ^= _state << 25;
            _state ^= _state >> 27;
            return _state * 0x2545F4914F6CDD1DUL;
        }

        /// <summary>Uniform 1..n (R's sample(n, 1)).</summary>
        public int Sample(int n) => (int)(((Next() >> 32) * (ulong)n) >> 32) + 1;

        /// <summary>Uniform [0, 1).</summary>
        public double Uniform() => (Next() >> 11) * (1.0 / (1UL << 53));
    }

    public GroupByData(long rows, ulong seed = 108)
    {
        if (rows < K) throw new ArgumentOutOfRangeException(nameof(rows), rows, $"need at least {K} rows");
        Rows = rows;
        Seed = seed;
    }

    public long Rows { get; }

    public ulong Seed { get; }

    private int SmallGroups => (int)(Rows / K);

    private static void Draw(ref Rng rng, int small, Span<int> ids, out double v3)
    {
        ids[0] = rng.Sample(K); ids[1] = rng.Sample(K); ids[2] = rng.Sample(small);
        ids[3] = rng.Sample(K); ids[4] = rng.Sample(K); ids[5] = rng.Sample(small);
        ids[6] = rng.Sample(5); ids[7] = rng.Sample(15);
        v3 = Math.Round(rng.Uniform() * 100, 6);
    }

    public static string FileName(long rows) => $"G1_{Pretty(rows)}_1e2_0_0.csv";

    private static string Pretty(long n)
    {
        int e = (int)Math.Floor(Math.Log10(n));
        long m = n / (long)Math.Pow(10, e);
        return m * (long)Math.Pow(10, e) == n ? $"{m}e{e}" : n.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Writes the CSV (header id1,...,v3) like data.table's fwrite.</summary>
    public void WriteCsv(string path)
    {
        var rng = new Rng(Seed);
        int small = SmallGroups;
        Span<int> ids = stackalloc int[8];
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("id1,id2,id3,id4,id5,id6,v1,v2,v3\n");
        var sb = new StringBuilder(96);
        for (long r = 0; r < Rows; r++)
        {
            Draw(ref rng, small, ids, out double v3);
            sb.Clear();
            sb.Append("id").Append(ids[0].ToString("D3", CultureInfo.InvariantCulture)).Append(',')
              .Append("id").Append(ids[1].ToString("D3", CultureInfo.InvariantCulture)).Append(',')
              .Append("id").Append(ids[2].ToString("D10", CultureInfo.InvariantCulture)).Append(',')
              .Append(ids[3]).Append(',').Append(ids[4]).Append(',').Append(ids[5]).Append(',')
              .Append(ids[6]).Append(',').Append(ids[7]).Append(',')
              .Append(v3.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            writer.Write(sb);
        }
    }

    /// <summary>
    /// The same rows as column batches. Strings are dictionary encoded against one shared dictionary per
    /// column (as a Parquet reader would produce) or, with <paramref name="dictionary"/> false, plain UTF-8.
    /// </summary>
    public InMemorySourceOperator ToSource(bool dictionary, int batchSize = ColumnBatch.DefaultRowCount)
    {
        var rng = new Rng(Seed);
        int small = SmallGroups;
        var dict1 = Dictionary("id{0:D3}", K);
        var dict3 = Dictionary("id{0:D10}", small);
        var batches = new List<ColumnBatch>();
        Span<int> ids = stackalloc int[8];
        for (long start = 0; start < Rows; start += batchSize)
        {
            int n = (int)Math.Min(batchSize, Rows - start);
            var c = new int[8][];
            for (int k = 0; k < 8; k++) c[k] = new int[n];
            var v3 = new double[n];
            for (int i = 0; i < n; i++)
            {
                Draw(ref rng, small, ids, out v3[i]);
                for (int k = 0; k < 8; k++) c[k][i] = ids[k];
            }
            ColumnVector Str(StringVector dict, int[] oneBased)
            {
                var codes = new int[n];
                for (int i = 0; i < n; i++) codes[i] = oneBased[i] - 1;
                if (dictionary) return new DictionaryVector(dict, codes, n);
                var b = new StringVectorBuilder(ColumnType.String, n, n * 12);
                for (int i = 0; i < n; i++) b.Append(dict.GetBytes(codes[i]));
                return b.Build();
            }
            ColumnVector Int(int[] values) => new PrimitiveVector<int>(ColumnType.Int32, values, n);
            batches.Add(new ColumnBatch(Schema,
            [
                Str(dict1, c[0]), Str(dict1, c[1]), Str(dict3, c[2]), Int(c[3]), Int(c[4]), Int(c[5]), Int(c[6]), Int(c[7]),
                new PrimitiveVector<double>(ColumnType.Float64, v3, n),
            ], n));
        }
        return new InMemorySourceOperator(Schema, batches);
    }

    private static StringVector Dictionary(string format, int count)
    {
        var b = new StringVectorBuilder(ColumnType.String, count, count * 12);
        for (int i = 1; i <= count; i++) b.Append(string.Format(CultureInfo.InvariantCulture, format, i));
        return b.Build();
    }
}
