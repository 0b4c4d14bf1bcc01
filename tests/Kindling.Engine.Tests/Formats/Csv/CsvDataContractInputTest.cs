using Kindling.Engine.Tests.TestSupport;
using Kindling.Execution;
using Kindling.Formats;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Formats.Csv;

/// <summary>An orders.csv in the DATA-CONTRACT section 2 dialect: every reject carries file, line, raw text and reason.</summary>
public sealed class CsvDataContractInputTest : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void OrdersFileWithMalformedRecords()
    {
        string file = _dir.File("raw/dt=2024-03-01/orders.csv",
            "order_id,prod_id,customer_id,company_id,quantity,prod_quote_price,created_at\n" +
            "1001,7,42,3,2,19.9900,2024-03-01T13:05:22Z\n" +
            "1002,8,43,3,1,\"1,5\",2024-03-01T13:06:00Z\n" +          // decimal with a comma: malformed
            "1003,9,44,4,5,0.0001,2024-03-01T23:59:59Z\n" +
            "1004,9,44,4,5,0.0001\n" +                                 // a field short
            "1005,9,44,4,x,10.0000,2024-03-01T00:00:00Z\n" +           // quantity not an int
            "1006,10,45,5,3,12345678901.1234,2024-03-01T08:00:00Z\n");
        var schema = new Schema([
            new Field("order_id", ColumnType.Int64), new Field("prod_id", ColumnType.Int64), new Field("customer_id", ColumnType.Int64),
            new Field("company_id", ColumnType.Int64), new Field("quantity", ColumnType.Int32), new Field("prod_quote_price", ColumnType.Decimal(15, 4)),
            new Field("created_at", ColumnType.Timestamp)]);
        var rejects = new List<RecordError>();
        var options = new FormatOptions(new Dictionary<string, string> { ["header"] = "true", ["mode"] = "DROPMALFORMED", ["enforceSchema"] = "false" })
        {
            RecordErrorSink = rejects.Add,
        };
        var rows = Rows.Of(FileFormats.Get("csv").Read(file, schema, null, options, new QueryContext(2)));
        Assert.Equal(new object?[] { 1001L, 7L, 42L, 3L, 2, 19.99m, new DateTime(2024, 3, 1, 13, 5, 22, DateTimeKind.Utc) }, rows[0]);
        Assert.Equal(new object?[] { 1006L, 10L, 45L, 5L, 3, 12345678901.1234m, new DateTime(2024, 3, 1, 8, 0, 0, DateTimeKind.Utc) }, rows[2]);
        Assert.Equal(new long[] { 1001, 1003, 1006 }, rows.Select(r => (long)r[0]!));
        Assert.Equal(new long[] { 3, 5, 6 }, rejects.Select(r => r.Line));
        Assert.All(rejects, r => Assert.Equal(file, r.File));
        Assert.Equal("1002,8,43,3,1,\"1,5\",2024-03-01T13:06:00Z", rejects[0].RawText);
        Assert.Equal("prod_quote_price", rejects[0].Column);
        Assert.Contains("'1,5'", rejects[0].Reason);
        Assert.Contains("expected 7 fields but found 6", rejects[1].Reason);
        Assert.Equal("quantity", rejects[2].Column);
    }

    [Fact]
    public void TabSeparatedWithCommentsAndCustomLineSeparator()
    {
        string file = _dir.File("t.tsv", "# a comment\na\tb\r\n1\tx y\r\n# another\r\n2\t\"q\"\r\n");
        var schema = new Schema([new Field("a", ColumnType.Int32), new Field("b", ColumnType.String)]);
        var options = new FormatOptions(new Dictionary<string, string> { ["header"] = "true", ["sep"] = "\\t", ["comment"] = "#", ["lineSep"] = "\r\n" });
        Assert.Equal([[1, "x y"], [2, "q"]], Rows.Of(FileFormats.Get("csv").Read(file, schema, null, options, new QueryContext(1))));
    }

    [Fact]
    public void UnsupportedOptionsFailClearly()
    {
        string file = _dir.File("u.csv", "1\n");
        var schema = new Schema([new Field("a", ColumnType.Int32)]);
        var ex = Assert.Throws<ArgumentException>(() => FileFormats.Get("csv").Read(file, schema, null, new FormatOptions(new Dictionary<string, string> { ["encoding"] = "ISO-8859-1" }), new QueryContext(1)).ToList());
        Assert.Contains("UTF-8", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => FileFormats.Get("csv").Read(file, schema, null, new FormatOptions(new Dictionary<string, string> { ["mode"] = "LENIENT" }), new QueryContext(1)).ToList());
        Assert.Contains("PERMISSIVE, DROPMALFORMED, FAILFAST", ex.Message);
    }
}
