using Kindling.Sql;
using static Kindling.Sql.Functions;

namespace Kindling.Engine.Tests.Sql;

/// <summary>
/// PERMISSIVE reads with a custom columnNameOfCorruptRecord (Spark's DataFrameReader option): a malformed
/// record keeps the fields that parsed, nulls the rest, and its raw text goes to the named column, which the
/// user schema declares as a string; well-formed records have null there. Expected rows are written by hand.
/// </summary>
public sealed class CorruptRecordColumnTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static List<object?[]> Rows(DataFrame df) => [.. df.Collect().Select(r => r.Values.Select(v => (object?)v).ToArray())];

    [Fact]
    public void Csv_Permissive_Puts_The_Raw_Line_In_The_Named_Column()
    {
        string file = _dir.File("in.csv", "id,v\n1,2.5\nx,3.5\n3\n4,5,6\n5,20\n");
        var df = TestSession.Get().Read().Option("header", true).Option("columnNameOfCorruptRecord", "bad_line")
            .Schema("id INT, v DOUBLE, bad_line STRING").Csv(file);
        Assert.Equal(["id", "v", "bad_line"], df.Columns());
        Assert.Equal(
        [
            [1, 2.5, null],
            [null, 3.5, "x,3.5"], // id does not parse: null, v kept
            [3, null, "3"],       // too few fields
            [4, 5.0, "4,5,6"],    // too many fields: the first two are kept
            [5, 20.0, null],
        ], Rows(df));
        Assert.Equal([1, null, 3, 4, 5], df.Select("id").Collect().Select(r => r.Get(0)));
        Assert.Equal(["x,3.5", "3", "4,5,6"], df.Filter(Col("bad_line").IsNotNull()).Select("id", "bad_line").Collect().Select(r => r.Get(1)));
    }

    [Fact]
    public void Csv_Custom_Name_Is_Not_A_Data_Column_And_Other_Modes_Ignore_It()
    {
        // The well-formed lines have two fields: the declared bad_line column is not expected in the file.
        string file = _dir.File("ok.csv", "1,a\n2,b\nz,c\n");
        var reader = TestSession.Get().Read().Option("columnNameOfCorruptRecord", "bad_line").Schema("id INT, s STRING, bad_line STRING");
        Assert.Equal([[1, "a", null], [2, "b", null], [null, "c", "z,c"]], Rows(reader.Csv(file)));
        var dropped = TestSession.Get().Read().Option("columnNameOfCorruptRecord", "bad_line").Option("mode", "DROPMALFORMED")
            .Schema("id INT, s STRING, bad_line STRING").Csv(file);
        Assert.Equal([[1, "a", null], [2, "b", null]], Rows(dropped));
    }

    [Fact]
    public void Json_Permissive_Puts_The_Raw_Record_In_The_Named_Column()
    {
        string file = _dir.File("in.json", "{\"id\":1,\"name\":\"a\"}\n{\"id\":\"x\"}\n{broken\n{\"id\":4,\"name\":null}\n");
        var df = TestSession.Get().Read().Option("columnNameOfCorruptRecord", "bad_line").Schema("id BIGINT, name STRING, bad_line STRING").Json(file);
        Assert.Equal(
        [
            [1L, "a", null],
            [null, null, "{\"id\":\"x\"}"],
            [null, null, "{broken"],
            [4L, null, null],
        ], Rows(df));
        Assert.Equal([1L, null, null, 4L], df.Select("id").Collect().Select(r => r.Get(0)));
    }

    [Fact]
    public void Json_Inference_Adds_The_Named_Column_In_Name_Order_Like_Spark()
    {
        // Spark's JsonInferSchema merges the corrupt-record field into the sorted struct of the inferred fields.
        string file = _dir.File("infer.json", "{\"name\":\"a\",\"id\":1}\n{broken\n{\"id\":4}\n");
        var df = TestSession.Get().Read().Option("columnNameOfCorruptRecord", "bad_line").Json(file);
        Assert.Equal(["bad_line", "id", "name"], df.Columns());
        Assert.Equal([[null, 1L, "a"], ["{broken", null, null], [null, 4L, null]], Rows(df));

        var last = TestSession.Get().Read().Option("columnNameOfCorruptRecord", "zz_bad").Json(file);
        Assert.Equal(["id", "name", "zz_bad"], last.Columns());
        Assert.Equal("{broken", last.Collect().ElementAt(1).Get("zz_bad"));

        // Without malformed records, or when they are dropped, no corrupt-record column is inferred.
        Assert.Equal(["id", "name"], TestSession.Get().Read().Option("columnNameOfCorruptRecord", "bad_line").Option("mode", "DROPMALFORMED").Json(file).Columns());
    }
}
