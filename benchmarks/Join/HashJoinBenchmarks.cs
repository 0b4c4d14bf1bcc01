using BenchmarkDotNet.Attributes;
using Kindling.Execution;
using Kindling.Execution.Operators.Join;
using Kindling.Execution.Operators.Source;
using Kindling.Vectors;

namespace Kindling.Benchmarks.Join;

/// <summary>
/// An inner hash join of a 4M-row fact table (key, value) with a dimension of 1M or 4M unique keys (key,
/// payload), keys int64 or plain strings, 1 and 2 threads: the build (encode, hash, insert, chain) and the
/// probe. Run: <c>dotnet benchmarks/bin/Release/net10.0/Kindling.Benchmarks.dll --filter '*HashJoin*'</c>.
/// </summary>
[MemoryDiagnoser]
public class HashJoinBenchmarks
{
    private const int ProbeRows = 4_000_000;

    private InMemorySourceOperator _build = null!;
    private InMemorySourceOperator _probe = null!;

    [Params(1_000_000, 4_000_000)]
    public int BuildRows { get; set; }

    [Params("long", "string")]
    public string Key { get; set; } = "long";

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        var buildKeys = new long[BuildRows];
        for (int i = 0; i < BuildRows; i++) buildKeys[i] = (long)i * 7919 + 13;
        rng.Shuffle(buildKeys);
        var probeKeys = new long[ProbeRows];
        for (int i = 0; i < ProbeRows; i++) probeKeys[i] = buildKeys[rng.Next(BuildRows)];
        _build = Source(buildKeys, "payload");
        _probe = Source(probeKeys, "value");
    }

    private InMemorySourceOperator Source(long[] keys, string valueName)
    {
        ColumnType keyType = Key == "long" ? ColumnType.Int64 : ColumnType.String;
        var schema = new Schema([new Field("k", keyType, false), new Field(valueName, ColumnType.Int64, false)]);
        var batches = new List<ColumnBatch>();
        for (int start = 0; start < keys.Length; start += ColumnBatch.DefaultRowCount)
        {
            int n = Math.Min(ColumnBatch.DefaultRowCount, keys.Length - start);
            var values = new long[n];
            for (int i = 0; i < n; i++) values[i] = start + i;
            ColumnVector key;
            if (Key == "long") key = new PrimitiveVector<long>(ColumnType.Int64, keys.AsSpan(start, n).ToArray(), n);
            else
            {
                var b = new StringVectorBuilder(ColumnType.String, n, n * 12);
                for (int i = 0; i < n; i++) b.Append("c" + keys[start + i].ToString("D10", System.Globalization.CultureInfo.InvariantCulture));
                key = b.Build();
            }
            batches.Add(new ColumnBatch(schema, [key, new PrimitiveVector<long>(ColumnType.Int64, values, n)], n));
        }
        return new InMemorySourceOperator(schema, batches);
    }

    [Benchmark]
    public long InnerJoin()
    {
        var join = new HashJoinOperator(_probe, _build, [0], [0], JoinType.Inner);
        long rows = 0;
        foreach (var batch in join.Execute(new QueryContext(Threads))) rows += batch.RowCount;
        return rows;
    }
}
