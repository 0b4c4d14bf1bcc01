using BenchmarkDotNet.Attributes;
using Kindling.Formats.Parquet;
using Kindling.Formats.Parquet.Metadata;
using Kindling.Vectors;

namespace Kindling.Benchmarks.Parquet;

/// <summary>Encode and decode throughput of one column of 1M rows per type, encoding and null pattern.</summary>
[MemoryDiagnoser]
public class ParquetColumnBenchmarks
{
    private const int Rows = 1 << 20;
    private ColumnBatch _batch = null!;
    private byte[] _file = [];
    private string _path = "";

    [Params("int64-unique", "int64-lowcard", "int32-nullable", "string-lowcard", "string-unique", "decimal", "double")]
    public string Column { get; set; } = "int64-unique";

    [Params(true, false)]
    public bool Dictionary { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(7);
        ColumnVector vector;
        switch (Column)
        {
            case "int64-unique": vector = new PrimitiveVector<long>(ColumnType.Int64, [.. Enumerable.Range(0, Rows).Select(i => 1_000_000L + i)], Rows); break;
            case "int64-lowcard": vector = new PrimitiveVector<long>(ColumnType.Int64, [.. Enumerable.Range(0, Rows).Select(_ => (long)rng.Next(5000))], Rows); break;
            case "decimal": vector = new PrimitiveVector<long>(ColumnType.Decimal(15, 4), [.. Enumerable.Range(0, Rows).Select(_ => rng.NextInt64(1_000_000_000))], Rows); break;
            case "double": vector = new PrimitiveVector<double>(ColumnType.Float64, [.. Enumerable.Range(0, Rows).Select(_ => rng.NextDouble())], Rows); break;
            case "int32-nullable":
            {
                var b = new PrimitiveVectorBuilder<int>(ColumnType.Int32, Rows);
                for (int i = 0; i < Rows; i++) if (i % 3 == 0) b.AppendNull(); else b.Append(rng.Next());
                vector = b.Build();
                break;
            }
            default:
            {
                var b = new StringVectorBuilder(ColumnType.String, Rows);
                for (int i = 0; i < Rows; i++) b.Append(Column == "string-unique" ? $"customer-{i}@example.com" : $"category-{rng.Next(40)}");
                vector = b.Build();
                break;
            }
        }
        var schema = new Schema([new Field("c", vector.Type)]);
        _batch = new ColumnBatch(schema, [vector], Rows);
        _file = Write();
        _path = Path.Combine(Path.GetTempPath(), $"kindling-bench-{Column}-{Dictionary}.parquet");
        File.WriteAllBytes(_path, _file);
    }

    private byte[] Write()
    {
        var stream = new MemoryStream();
        using (var writer = new ParquetWriter(stream, _batch.Schema, new ParquetWriteOptions { UseDictionary = Dictionary, Codec = CompressionCodec.Snappy }))
            writer.WriteBatch(_batch);
        return stream.ToArray();
    }

    [Benchmark]
    public int Encode() => Write().Length;

    [Benchmark]
    public int Decode()
    {
        using var reader = ParquetFileReader.Open(_path);
        return reader.ReadRowGroup(0).RowCount;
    }
}
