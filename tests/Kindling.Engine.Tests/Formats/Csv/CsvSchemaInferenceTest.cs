using Kindling.Engine.Tests.TestSupport;
using Kindling.Formats;
using Kindling.Formats.Csv;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Formats.Csv;

public sealed class CsvSchemaInferenceTest : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void InfersSparkTypesFromHeaderAndValues()
    {
        string file = _dir.File("a.csv",
            "i,l,big,d,mixed,dt,ts,b,s,empty,dup,dup\n" +
            "1,1,12345678901234567890123,1.5,1,2024-03-01,2024-03-01T13:05:22Z,true,x,,1,2\n" +
            "2,3000000000,1,2,2.5,2024-03-02,2024-03-01T13:05:22.5+01:00,FALSE,1,,1,2\n");
        var schema = new CsvFileFormat().InferSchema([file], new FormatOptions(new Dictionary<string, string> { ["header"] = "true", ["inferSchema"] = "true" }));
        Assert.Equal(
            "[i: int, l: bigint, big: decimal(23,0), d: double, mixed: double, dt: date, ts: timestamp, b: boolean, s: string, empty: string, dup10: int, dup11: int]",
            schema.ToString());
    }

    [Fact]
    public void WithoutInferSchemaEverythingIsStringAndNamesAreGenerated()
    {
        string file = _dir.File("b.csv", "1,x\n2,y\n");
        var schema = new CsvFileFormat().InferSchema([file], FormatOptions.Default);
        Assert.Equal("[_c0: string, _c1: string]", schema.ToString());
    }

    [Fact]
    public void DateAndTimestampWidenToTimestampAndConflictsToString()
    {
        string file = _dir.File("c.csv", "a,b\n2024-03-01,1\n2024-03-01T10:00:00Z,x\n");
        var schema = new CsvFileFormat().InferSchema([file], new FormatOptions(new Dictionary<string, string> { ["header"] = "true", ["inferSchema"] = "true" }));
        Assert.Equal("[a: timestamp, b: string]", schema.ToString());
        Assert.Equal(TypeKind.Timestamp, schema[0].Type.Kind);
    }
}
