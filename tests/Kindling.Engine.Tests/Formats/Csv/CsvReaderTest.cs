using Kindling.Engine.Tests.TestSupport;
using Kindling.Execution;
using Kindling.Formats;
using Kindling.Formats.Csv;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Formats.Csv;

public sealed class CsvReaderTest : IDisposable
{
    private readonly TempDirectory _dir = new();
    private static readonly QueryContext Context = new(degreeOfParallelism: 2);

    public void Dispose() => _dir.Dispose();

    private static Schema S(params (string Name, ColumnType Type)[] fields) => new(fields.Select(f => new Field(f.Name, f.Type)).ToArray());

    private List<object?[]> Read(string content, Schema schema, Dictionary<string, string>? options = null, Action<RecordError>? sink = null, bool scalar = false)
    {
        string file = _dir.File($"f{Guid.NewGuid():N}.csv", content);
        var fo = new FormatOptions(options) { RecordErrorSink = sink };
        if (!scalar) return Rows.Of(new CsvFileFormat().Read(file, schema, null, fo, Context));
        var parsed = CsvReadOptions.From(fo);
        var o = new CsvReadOptions
        {
            Header = parsed.Header, Mode = parsed.Mode, MultiLine = parsed.MultiLine, Escape = parsed.Escape,
            RecordErrorSink = sink, UseVectorTokenizer = false,
        };
        return Rows.Of(CsvFileFormat.Read(file, schema, null, o, Context));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void QuotedFieldsWithSeparatorsQuotesAndNonAscii(bool scalar)
    {
        var schema = S(("id", ColumnType.Int64), ("name", ColumnType.String), ("city", ColumnType.String));
        string csv = "id,name,city\n1,\"Müller, Anna\",Zürich\n2,\"He said \"\"hi\"\"\",\"\"\n3,plain,\n4,\"C:\\\"quoted\\\"\",x\n";
        var rows = Read(csv, schema, new() { ["header"] = "true" }, scalar: scalar);
        Assert.Equal(4, rows.Count);
        Assert.Equal(new object?[] { 1L, "Müller, Anna", "Zürich" }, rows[0]);
        Assert.Equal(new object?[] { 2L, "He said \"hi\"", null }, rows[1]);
        Assert.Equal(new object?[] { 3L, "plain", null }, rows[2]);
        Assert.Equal(new object?[] { 4L, "C:\"quoted\"", "x" }, rows[3]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CrLfAndMissingFinalNewline(bool scalar)
    {
        var schema = S(("a", ColumnType.Int32), ("b", ColumnType.String));
        var rows = Read("a,b\r\n1,x\r\n\r\n2,\"y\"\r\n3,z", schema, new() { ["header"] = "true" }, scalar: scalar);
        Assert.Equal([[1, "x"], [2, "y"], [3, "z"]], rows);
    }

    [Fact]
    public void MultiLineQuotedFieldsAndLineNumbers()
    {
        var schema = S(("a", ColumnType.Int32), ("b", ColumnType.String));
        var errors = new List<RecordError>();
        var rows = Read("a,b\n1,\"line one\nline two\"\n2,\"x\"\"\ny\"\nbad,z\n", schema, new() { ["header"] = "true", ["multiLine"] = "true" }, errors.Add);
        Assert.Equal(3, rows.Count);
        Assert.Equal(new object?[] { 1, "line one\nline two" }, rows[0]);
        Assert.Equal(new object?[] { 2, "x\"\ny" }, rows[1]);
        var error = Assert.Single(errors);
        Assert.Equal(6, error.Line);
        Assert.Equal("a", error.Column);
        Assert.Equal("bad,z", error.RawText);
    }

    [Fact]
    public void NewlineInQuotesWithoutMultiLineIsMalformed()
    {
        var schema = S(("a", ColumnType.Int32), ("b", ColumnType.String));
        var errors = new List<RecordError>();
        var rows = Read("1,\"open\n2,ok\n", schema, new() { ["mode"] = "DROPMALFORMED" }, errors.Add);
        Assert.Equal([[2, "ok"]], rows);
        Assert.Equal(1, Assert.Single(errors).Line);
        Assert.Contains("multiLine", errors[0].Reason);
    }

    [Fact]
    public void ParsesEveryTypeIncludingEdgeValues()
    {
        var schema = S(("b", ColumnType.Boolean), ("i", ColumnType.Int32), ("l", ColumnType.Int64), ("f", ColumnType.Float32),
            ("d", ColumnType.Float64), ("m", ColumnType.Decimal(15, 4)), ("w", ColumnType.Decimal(38, 4)), ("dt", ColumnType.Date), ("ts", ColumnType.Timestamp));
        string csv =
            "true,2147483647,-9223372036854775808,1.5,-2.5E-3,-12345678901.2345,-1234567890123456789012.3456,2024-02-29,2024-03-01T13:05:22Z\n" +
            "FALSE,-2147483648,9223372036854775807,-0.25,1e10,0.0001,1,1970-01-01,2024-03-01T13:05:22.123456+01:00\n" +
            ",,,,,,,,\n";
        var rows = Read(csv, schema);
        Assert.Equal(new object?[] { true, int.MaxValue, long.MinValue, 1.5f, -0.0025, -12345678901.2345m, -1234567890123456789012.3456m,
            new DateOnly(2024, 2, 29), new DateTime(2024, 3, 1, 13, 5, 22, DateTimeKind.Utc) }, rows[0]);
        Assert.Equal(new object?[] { false, int.MinValue, long.MaxValue, -0.25f, 1e10, 0.0001m, 1.0000m,
            new DateOnly(1970, 1, 1), new DateTime(2024, 3, 1, 12, 5, 22, DateTimeKind.Utc).AddTicks(1234560) }, rows[1]);
        Assert.All(rows[2], Assert.Null);
    }

    [Fact]
    public void DecimalsRoundHalfUpAndRejectOverflow()
    {
        var schema = S(("m", ColumnType.Decimal(5, 2)));
        var errors = new List<RecordError>();
        var rows = Read("1.005\n-1.005\n1.004\n999.99\n1000.00\n12\n", schema, sink: errors.Add);
        Assert.Equal(new object?[] { 1.01m, -1.01m, 1.00m, 999.99m, null, 12.00m }, rows.Select(r => r[0]));
        Assert.Equal(5, Assert.Single(errors).Line);
    }

    [Fact]
    public void PermissiveFillsCorruptRecordColumnAndNullsBadFields()
    {
        var schema = S(("id", ColumnType.Int32), ("v", ColumnType.Float64), ("_corrupt_record", ColumnType.String));
        var rows = Read("id,v\n1,2.5\nx,3.5\n3\n4,5,6\n", schema, new() { ["header"] = "true" });
        Assert.Equal(new object?[] { 1, 2.5, null }, rows[0]);
        Assert.Equal(new object?[] { null, 3.5, "x,3.5" }, rows[1]);
        Assert.Equal(new object?[] { 3, null, "3" }, rows[2]);
        Assert.Equal(new object?[] { 4, 5.0, "4,5,6" }, rows[3]);
    }

    [Fact]
    public void DropMalformedSkipsAndReportsEveryBadRecord()
    {
        var schema = S(("id", ColumnType.Int32), ("d", ColumnType.Date));
        var errors = new List<RecordError>();
        var rows = Read("1,2024-01-01\n2,2024-02-30\n3,2024-03-01\n4\n", schema, new() { ["mode"] = "DROPMALFORMED" }, errors.Add);
        Assert.Equal([[1, new DateOnly(2024, 1, 1)], [3, new DateOnly(2024, 3, 1)]], rows);
        Assert.Equal(new long[] { 2, 4 }, errors.Select(e => e.Line));
        Assert.Equal("d", errors[0].Column);
        Assert.Null(errors[1].Column);
        Assert.Contains("expected 2 fields but found 1", errors[1].Reason);
    }

    [Fact]
    public void FailFastNamesFileLineColumnAndTheFix()
    {
        var schema = S(("id", ColumnType.Int32), ("q", ColumnType.Int32));
        var ex = Assert.Throws<KindlingDataException>(() => Read("id,q\n1,2\n2,many\n", schema, new() { ["header"] = "true", ["mode"] = "FAILFAST" }));
        Assert.Equal(3, ex.Line);
        Assert.Equal("q", ex.Column);
        Assert.Contains("line 3", ex.Message);
        Assert.Contains("'many'", ex.Message);
        Assert.Contains("2,many", ex.Message);
        Assert.Contains("mode=PERMISSIVE", ex.Message);
        Assert.Contains(".csv", ex.Message);
    }

    [Fact]
    public void NullValueEmptyValueAndWhitespaceOptions()
    {
        var schema = S(("a", ColumnType.String), ("b", ColumnType.Int32));
        var rows = Read("NA,  7 \n\"\",NA\n", schema, new() { ["nullValue"] = "NA", ["ignoreLeadingWhiteSpace"] = "true", ["ignoreTrailingWhiteSpace"] = "true" });
        Assert.Equal([[null, 7], ["", null]], rows);
    }

    [Fact]
    public void SeparatorQuoteEscapeAndCustomFormats()
    {
        var schema = S(("a", ColumnType.String), ("d", ColumnType.Date), ("t", ColumnType.Timestamp));
        var rows = Read("'x;y';01/03/2024;2024-03-01 13:05\n", schema, new()
        {
            ["sep"] = ";", ["quote"] = "'", ["dateFormat"] = "dd/MM/yyyy", ["timestampFormat"] = "yyyy-MM-dd HH:mm",
        });
        Assert.Equal([["x;y", new DateOnly(2024, 3, 1), new DateTime(2024, 3, 1, 13, 5, 0, DateTimeKind.Utc)]], rows);
    }

    [Fact]
    public void ColumnPruningReturnsOnlyRequiredColumnsInOrder()
    {
        string file = _dir.File("p.csv", "1,a,2.5\n2,b,3.5\n");
        var schema = S(("i", ColumnType.Int32), ("s", ColumnType.String), ("d", ColumnType.Float64));
        var rows = Rows.Of(new CsvFileFormat().Read(file, schema, [2, 0], FormatOptions.Default, Context));
        Assert.Equal([[2.5, 1], [3.5, 2]], rows);
        var none = new CsvFileFormat().Read(file, schema, [], FormatOptions.Default, Context).ToList();
        Assert.Equal(2, none.Sum(b => b.RowCount));
    }

    [Fact]
    public void EnforceSchemaFalseChecksHeader()
    {
        var schema = S(("id", ColumnType.Int32), ("name", ColumnType.String));
        var ex = Assert.Throws<KindlingDataException>(() => Read("id,nom\n1,x\n", schema, new() { ["header"] = "true", ["enforceSchema"] = "false" }));
        Assert.Contains("[id, name]", ex.Message);
        Assert.Contains("[id, nom]", ex.Message);
        Assert.Single(Read("ID,Name\n1,x\n", schema, new() { ["header"] = "true", ["enforceSchema"] = "false" }));
    }
}
