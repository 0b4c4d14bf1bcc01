using System.Text;
using Kindling.Engine.Tests.TestSupport;
using Kindling.Execution;
using Kindling.Formats;
using Kindling.Formats.Csv;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Formats.Csv;

/// <summary>The chunked parallel path must give exactly what one thread gives, rows, errors and line numbers included.</summary>
public sealed class CsvParallelDifferentialTest : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(3)]
    [InlineData(11)]
    public void TinyStreamingBufferEqualsWholeFileWithMultiLine(int seed)
    {
        var random = new Random(seed);
        var sb = new StringBuilder("a,b\n");
        for (int i = 0; i < 3000; i++)
        {
            string b = random.Next(4) switch
            {
                0 => "\"multi\nline, \"\"quoted\"\"\r\nvalue\"",
                1 => "\"\"",
                2 => "x" + new string('y', random.Next(200)),
                _ => "\"" + new string('z', random.Next(5)) + "\"",
            };
            sb.Append(i).Append(',').Append(b).Append(random.Next(3) == 0 ? "\r\n" : "\n");
        }
        string file = _dir.File("ml.csv", sb.ToString());
        var schema = new Schema([new Field("a", ColumnType.Int32), new Field("b", ColumnType.String)]);
        List<object?[]> Run(int bufferSize, bool vector) => Rows.Of(CsvFileFormat.Read(file, schema, null,
            new CsvReadOptions { Header = true, MultiLine = true, StreamBufferSize = bufferSize, UseVectorTokenizer = vector }, new QueryContext(1) { BatchSize = 100 }));
        var whole = Run(1 << 24, vector: true);
        Assert.Equal(3000, whole.Count);
        Assert.Equal(Enumerable.Range(0, 3000).Cast<object?>(), whole.Select(r => r[0]));
        Assert.Equal(whole, Run(16, vector: true));
        Assert.Equal(whole, Run(100, vector: false));
        Assert.Contains(whole, r => (string?)r[1] == "multi\nline, \"quoted\"\r\nvalue");
    }

    [Fact]
    public void FailFastInParallelChunksReportsTheExactLine()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 50_000; i++) sb.Append(i).Append(',').Append(i == 43_210 ? "oops" : "1").Append('\n');
        string file = _dir.File("ff.csv", sb.ToString());
        var schema = new Schema([new Field("a", ColumnType.Int32), new Field("b", ColumnType.Int32)]);
        var ex = Assert.Throws<KindlingDataException>(() => CsvFileFormat.Read(file, schema, null,
            new CsvReadOptions { Mode = ParseMode.FailFast, ChunkSize = 10_000 }, new QueryContext(2) { BatchSize = 1000 }).Count());
        Assert.Equal(43_211, ex.Line);
        Assert.Contains("43210,oops", ex.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public void ParallelChunksEqualSingleThread(int seed)
    {
        var random = new Random(seed);
        var sb = new StringBuilder("id,name,qty,price,ts\n");
        int expectedRows = 0;
        for (int i = 0; i < 20_000; i++)
        {
            int kind = random.Next(100);
            string name = random.Next(5) switch
            {
                0 => "\"Smith, \"\"Jr\"\"\"",
                1 => "Zoë",
                2 => "",
                3 => "\"a,b\"",
                _ => "n" + random.Next(1000),
            };
            string line = kind switch
            {
                0 => $"{i},{name},notanumber,1.5,2024-03-01T00:00:00Z",       // bad int
                1 => $"{i},{name},3",                                          // too few fields
                2 => "",                                                       // empty line
                _ => $"{i},{name},{random.Next(-1000, 1000)},{random.Next(100000) / 100.0:0.00},2024-03-{random.Next(1, 29):00}T{random.Next(24):00}:05:22Z",
            };
            sb.Append(line).Append(random.Next(10) == 0 ? "\r\n" : "\n");
            if (kind != 2) expectedRows++;
        }
        string file = _dir.File("big.csv", sb.ToString());
        var schema = new Schema([new Field("id", ColumnType.Int64), new Field("name", ColumnType.String), new Field("qty", ColumnType.Int32),
            new Field("price", ColumnType.Decimal(10, 2)), new Field("ts", ColumnType.Timestamp), new Field("_corrupt_record", ColumnType.String)]);

        (List<object?[]> Rows, List<RecordError> Errors) Run(int dop, int chunk, bool vector)
        {
            var errors = new List<RecordError>();
            var options = new CsvReadOptions { Header = true, RecordErrorSink = errors.Add, ChunkSize = chunk, UseVectorTokenizer = vector };
            var context = new QueryContext(dop) { BatchSize = 1000 };
            return (Rows.Of(CsvFileFormat.Read(file, schema, null, options, context)), errors);
        }

        var single = Run(1, 0, vector: false);
        var parallel = Run(2, 64 * 1024, vector: true);
        var parallelScalar = Run(4, 100_000, vector: false);
        Assert.Equal(expectedRows, single.Rows.Count);
        Assert.Equal(single.Rows, parallel.Rows);
        Assert.Equal(single.Rows, parallelScalar.Rows);
        Assert.Equal(single.Errors, parallel.Errors);
        Assert.Equal(single.Errors, parallelScalar.Errors);
        Assert.NotEmpty(single.Errors);

        // Independent check of line numbers: find each reported line in the file text.
        string[] lines = File.ReadAllText(file).Split('\n');
        foreach (var e in single.Errors)
            Assert.Equal(lines[e.Line - 1].TrimEnd('\r'), e.RawText);
    }
}
