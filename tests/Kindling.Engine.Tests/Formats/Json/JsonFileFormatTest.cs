using System.Text;
using Kindling.Engine.Tests.TestSupport;
using Kindling.Execution;
using Kindling.Formats;
using Kindling.Formats.Json;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Formats.Json;

public sealed class JsonFileFormatTest : IDisposable
{
    private readonly TempDirectory _dir = new();
    private static readonly QueryContext Context = new(2);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void InfersUnionOfFieldsSortedByName()
    {
        string file = _dir.File("a.json", "{\"b\":1,\"a\":\"x\",\"n\":{\"k\":[1,2]}}\n{\"b\":2.5,\"c\":true,\"z\":null}\n\n");
        var schema = new JsonFileFormat().InferSchema([file], FormatOptions.Default);
        Assert.Equal("[a: string, b: double, c: boolean, n: string, z: string]", schema.ToString());
    }

    [Fact]
    public void ReadsTypedValuesNestedAsRawJsonAndMissingAsNull()
    {
        string file = _dir.File("b.json",
            "{\"id\":1,\"name\":\"Zoë \\\"Z\\\"\",\"price\":10.5,\"at\":\"2024-03-01T13:05:22Z\",\"tags\":[\"a\", 1],\"ok\":true}\n" +
            "{\"id\":9223372036854775807}\n");
        var schema = new Schema([new Field("id", ColumnType.Int64), new Field("name", ColumnType.String), new Field("price", ColumnType.Decimal(10, 2)),
            new Field("at", ColumnType.Timestamp), new Field("tags", ColumnType.String), new Field("ok", ColumnType.Boolean)]);
        var rows = Rows.Of(new JsonFileFormat().Read(file, schema, null, FormatOptions.Default, Context));
        Assert.Equal(new object?[] { 1L, "Zoë \"Z\"", 10.50m, new DateTime(2024, 3, 1, 13, 5, 22, DateTimeKind.Utc), "[\"a\", 1]", true }, rows[0]);
        Assert.Equal(new object?[] { long.MaxValue, null, null, null, null, null }, rows[1]);
    }

    [Fact]
    public void ModesAndCorruptRecordColumn()
    {
        string file = _dir.File("c.json", "{\"id\":1}\n{\"id\":\"x\"}\n{broken\n{\"id\":4}\n");
        var schema = new Schema([new Field("id", ColumnType.Int64), new Field("_corrupt_record", ColumnType.String)]);
        var errors = new List<RecordError>();
        var permissive = Rows.Of(new JsonFileFormat().Read(file, schema, null, new FormatOptions { RecordErrorSink = errors.Add }, Context));
        Assert.Equal([[1L, null], [null, "{\"id\":\"x\"}"], [null, "{broken"], [4L, null]], permissive);
        Assert.Equal(new long[] { 2, 3 }, errors.Select(e => e.Line));
        Assert.Equal("id", errors[0].Column);

        var dropped = Rows.Of(new JsonFileFormat().Read(file, schema, [0], new FormatOptions(new Dictionary<string, string> { ["mode"] = "DROPMALFORMED" }), Context));
        Assert.Equal([[1L], [4L]], dropped);

        var ex = Assert.Throws<KindlingDataException>(() => new JsonFileFormat().Read(file, schema, null, new FormatOptions(new Dictionary<string, string> { ["mode"] = "FAILFAST" }), Context).ToList());
        Assert.Equal(2, ex.Line);
        Assert.Contains("mode=PERMISSIVE", ex.Message);
    }

    [Fact]
    public void MultiLineArrayOfObjects()
    {
        string file = _dir.File("d.json", "[\n  {\"a\": 1,\n   \"b\": \"x]\"},\n  {\"a\": 2}\n]\n");
        var schema = new Schema([new Field("a", ColumnType.Int32), new Field("b", ColumnType.String)]);
        var rows = Rows.Of(new JsonFileFormat().Read(file, schema, null, new FormatOptions(new Dictionary<string, string> { ["multiLine"] = "true" }), Context));
        Assert.Equal([[1, "x]"], [2, null]], rows);
    }

    [Fact]
    public void WritesSparkStyleLinesWithNullsOmitted()
    {
        var schema = new Schema([new Field("id", ColumnType.Int64), new Field("name", ColumnType.String), new Field("v", ColumnType.Float64),
            new Field("m", ColumnType.Decimal(10, 2)), new Field("at", ColumnType.Timestamp), new Field("d", ColumnType.Date)]);
        var batch = Rows.Batch(schema,
            [1L, "Zoë \"Z\"", 2.0, 10.5m, new DateTime(2024, 3, 1, 13, 5, 22, DateTimeKind.Utc), new DateOnly(2024, 3, 1)],
            [2L, null, 1e10, null, null, null]);
        using var stream = new MemoryStream();
        new JsonFileFormat().Write(stream, schema, [batch], FormatOptions.Default);
        Assert.Equal(
            "{\"id\":1,\"name\":\"Zoë \\\"Z\\\"\",\"v\":2.0,\"m\":10.50,\"at\":\"2024-03-01T13:05:22.000Z\",\"d\":\"2024-03-01\"}\n" +
            "{\"id\":2,\"v\":1.0E10}\n", Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void InfersArraysOfTheirElementsMergedType()
    {
        string file = _dir.File("arrays.json",
            "{\"ints\":[1,2],\"mixed\":[1,\"x\"],\"nums\":[1],\"empty\":[],\"nested\":[[1],{\"a\":1}],\"flip\":[1]}\n" +
            "{\"ints\":null,\"nums\":[2.5,null],\"empty\":[null],\"flip\":3}\n");
        var schema = new JsonFileFormat().InferSchema([file], FormatOptions.Default);
        Assert.Equal("[empty: array<string>, flip: string, ints: array<bigint>, mixed: array<string>, nested: array<string>, nums: array<double>]", schema.ToString());
    }

    [Fact]
    public void ReadsArraysWithNullsEmptiesAndRawJsonElements()
    {
        string file = _dir.File("read-arrays.json",
            "{\"id\":1,\"tags\":[\"a\",null,\"\"],\"n\":[3,-4],\"raw\":[{\"k\":1},[2]]}\n" +
            "{\"id\":2,\"tags\":[],\"n\":null}\n" +
            "{\"id\":3}\n");
        var schema = new Schema([new Field("id", ColumnType.Int64), new Field("tags", ColumnType.Array(ColumnType.String)),
            new Field("n", ColumnType.Array(ColumnType.Int32)), new Field("raw", ColumnType.Array(ColumnType.String))]);
        var rows = Rows.Of(new JsonFileFormat().Read(file, schema, null, FormatOptions.Default, Context));
        Assert.Equal(new object?[] { 1L, new object?[] { "a", null, "" }, new object?[] { 3, -4 }, new object?[] { "{\"k\":1}", "[2]" } }, rows[0]);
        Assert.Equal(new object?[] { 2L, Array.Empty<object?>(), null, null }, rows[1]);
        Assert.Equal(new object?[] { 3L, null, null, null }, rows[2]);

        // Only the asked-for columns, with an array among them.
        var some = Rows.Of(new JsonFileFormat().Read(file, schema, [2], FormatOptions.Default, Context));
        Assert.Equal([[new object?[] { 3, -4 }], [null], [null]], some);
    }

    [Fact]
    public void AnArrayThatDoesNotConvertMakesTheRecordMalformed()
    {
        string file = _dir.File("bad-arrays.json", "{\"n\":[1,\"x\"],\"id\":1}\n{\"n\":5,\"id\":2}\n{\"n\":[7],\"id\":3}\n");
        var schema = new Schema([new Field("id", ColumnType.Int64), new Field("n", ColumnType.Array(ColumnType.Int64)), new Field("_corrupt_record", ColumnType.String)]);
        var rows = Rows.Of(new JsonFileFormat().Read(file, schema, null, FormatOptions.Default, Context));
        Assert.Equal(new object?[] { null, null, "{\"n\":[1,\"x\"],\"id\":1}" }, rows[0]);
        Assert.Equal(new object?[] { null, null, "{\"n\":5,\"id\":2}" }, rows[1]);
        Assert.Equal(new object?[] { 3L, new object?[] { 7L }, null }, rows[2]);
    }
}
