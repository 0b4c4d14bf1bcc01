using System.Text;
using Kindling.Engine.Tests.TestSupport;
using Kindling.Execution;
using Kindling.Formats;
using Kindling.Formats.Csv;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Formats.Csv;

public sealed class CsvWriterTest
{
    private static string Write(Schema schema, ColumnBatch batch, Dictionary<string, string>? options = null)
    {
        using var stream = new MemoryStream();
        new CsvFileFormat().Write(stream, schema, [batch], new FormatOptions(options));
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static readonly Schema Mixed = new([
        new Field("name", ColumnType.String), new Field("amount", ColumnType.Decimal(15, 4)), new Field("ratio", ColumnType.Float64),
        new Field("day", ColumnType.Date), new Field("at", ColumnType.Timestamp), new Field("ok", ColumnType.Boolean), new Field("n", ColumnType.Int64)]);

    [Fact]
    public void QuotesOnlyWhenNeededAndFormatsLikeSpark()
    {
        var batch = Rows.Batch(Mixed,
            ["plain", 10.5m, 1.5, new DateOnly(2024, 3, 1), new DateTime(2024, 3, 1, 13, 5, 22, DateTimeKind.Utc), true, 42L],
            ["a,b", -0.0001m, 2.0, null, null, false, -1L],
            ["say \"hi\"", 0m, 1e10, null, null, null, null],
            ["", null, 1e-5, null, null, null, null],
            [null, 123m, 1234567.0, null, null, null, null]);
        string csv = Write(Mixed, batch, new() { ["header"] = "true", ["escape"] = "\"" });
        Assert.Equal(
            "name,amount,ratio,day,at,ok,n\n" +
            "plain,10.5000,1.5,2024-03-01,2024-03-01T13:05:22.000Z,true,42\n" +
            "\"a,b\",-0.0001,2.0,,,false,-1\n" +
            "\"say \"\"hi\"\"\",0.0000,1.0E10,,,,\n" +
            "\"\",,1.0E-5,,,,\n" +
            ",123.0000,1234567.0,,,,\n", csv);
    }

    [Fact]
    public void SparkDefaultEscapeIsBackslashAndCustomTimestampFormat()
    {
        var schema = new Schema([new Field("s", ColumnType.String), new Field("t", ColumnType.Timestamp)]);
        var batch = Rows.Batch(schema, ["x\"y", new DateTime(2024, 3, 1, 13, 5, 22, DateTimeKind.Utc)]);
        Assert.Equal("\"x\\\"y\",2024-03-01T13:05:22Z\n", Write(schema, batch, new() { ["timestampFormat"] = "yyyy-MM-dd'T'HH:mm:ss'Z'" }));
        Assert.Equal("\"x\\\"y\"|\"2024-03-01T13:05:22.000Z\"\n", Write(schema, batch, new() { ["sep"] = "|", ["quoteAll"] = "true" }));
    }

    [Fact]
    public void RoundTripsThroughTheReader()
    {
        var batch = Rows.Batch(Mixed,
            ["Müller, \"Anna\"\nnext", 10.5m, -2.25, new DateOnly(1999, 12, 31), new DateTime(2024, 3, 1, 13, 5, 22, 123, DateTimeKind.Utc), true, long.MinValue],
            ["", null, null, null, null, null, null]);
        string path = Path.Combine(Path.GetTempPath(), $"kindling-rt-{Guid.NewGuid():N}.csv");
        try
        {
            using (var f = File.Create(path))
                new CsvFileFormat().Write(f, Mixed, [batch], new FormatOptions(new Dictionary<string, string> { ["header"] = "true", ["escape"] = "\"" }));
            var rows = Rows.Of(new CsvFileFormat().Read(path, Mixed, null,
                new FormatOptions(new Dictionary<string, string> { ["header"] = "true", ["multiLine"] = "true", ["escape"] = "\"" }), new QueryContext(1)));
            Assert.Equal(new object?[] { "Müller, \"Anna\"\nnext", 10.5m, -2.25, new DateOnly(1999, 12, 31), new DateTime(2024, 3, 1, 13, 5, 22, 123, DateTimeKind.Utc), true, long.MinValue }, rows[0]);
            // Spark reads the written "" back as null with the default nullValue (an empty string).
            Assert.Equal(new object?[] { null, null, null, null, null, null, null }, rows[1]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
