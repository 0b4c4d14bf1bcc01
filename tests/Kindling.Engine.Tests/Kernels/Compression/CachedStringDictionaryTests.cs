using Kindling.Engine.Tests.Sql;
using Kindling.Execution.Operators.Source;
using Kindling.Kernels.Compression;
using Kindling.Sql;
using Kindling.Sql.Types;
using Kindling.Vectors;
using static Kindling.Engine.Tests.Execution.Operators.OperatorTestData;
using static Kindling.Sql.Functions;

namespace Kindling.Engine.Tests.Kernels.Compression;

public sealed class CachedStringDictionaryTests
{
    private static readonly Kindling.Vectors.Schema Columns = Schema(("few", ColumnType.String), ("many", ColumnType.String), ("n", ColumnType.Int32));

    /// <summary>Rows in batches of 100: "few" has 5 values and nulls, "many" is distinct per row.</summary>
    private static IReadOnlyList<ColumnBatch> Batches(int rows = 1000)
    {
        var data = Enumerable.Range(0, rows).Select(i => Row(i % 7 == 0 ? null : "v" + i % 5, "row-" + i, i)).ToList();
        return Source(Columns, data, batchSize: 100).Execute(Context()).ToList();
    }

    [Fact]
    public void Few_distinct_strings_share_one_dictionary_and_keep_every_value()
    {
        var batches = Batches();
        var compressed = CachedStringDictionary.Compress(batches, 2);
        var first = Assert.IsType<DictionaryVector>(compressed[0][0]);
        Assert.Equal(5, first.Dictionary.Length);
        for (int b = 0; b < batches.Count; b++)
        {
            var few = Assert.IsType<DictionaryVector>(compressed[b][0]);
            Assert.Same(first.Dictionary, few.Dictionary); // one dictionary for the column, so it is interned once per query
            Assert.Same(batches[b][1], compressed[b][1]); // distinct per row: kept as it is
            Assert.Same(batches[b][2], compressed[b][2]);
            Assert.Equal(batches[b][0].NullCount, few.NullCount);
            for (int r = 0; r < batches[b].RowCount; r++) Assert.Equal(batches[b][0].GetObject(r), few.GetObject(r));
        }
    }

    [Fact]
    public void A_column_past_one_distinct_value_in_eight_rows_or_already_encoded_is_kept()
    {
        // 1000 rows allow 125 distinct values; "row-i % 200" has 200.
        var data = Enumerable.Range(0, 1000).Select(i => Row("v" + i % 200, "w" + i % 125, i)).ToList();
        var batches = Source(Columns, data, batchSize: 100).Execute(Context()).ToList();
        var compressed = CachedStringDictionary.Compress(batches, 1);
        Assert.Same(batches[0][0], compressed[0][0]);
        Assert.IsType<DictionaryVector>(compressed[0][1]); // exactly at the bound

        var dictionaryInput = Source(Columns, data, batchSize: 100, dictionaryStrings: true).Execute(Context()).ToList();
        Assert.Same(dictionaryInput, CachedStringDictionary.Compress(dictionaryInput, 1));
        Assert.Empty(CachedStringDictionary.Compress([], 1));
    }

    [Fact]
    public void Cached_dataframes_answer_as_uncached_ones_do()
    {
        var schema = new StructType([new StructField("city", new StringType()), new StructField("id", new IntegerType())]);
        var rows = Enumerable.Range(0, 3000).Select(i => new GenericRow([i % 11 == 0 ? null! : "city-" + i % 4, i])).ToList();
        DataFrame Make() => TestSession.Get().CreateDataFrame(rows, schema);
        var cached = Make().Select(Col("city"), Col("id")).Cache();
        Assert.Equal(3000, cached.Count());
        var source = Assert.IsType<InMemorySourceOperator>(cached.NewExecution().Physical);
        Assert.IsType<DictionaryVector>(source.Execute(Context()).First()[0]);

        static string[] Answer(DataFrame df) =>
        [
            .. df.GroupBy("city").Agg(Count(Col("id")).As("n"), Sum(Col("id")).As("s")).Collect().Select(r => r.ToString()).Order(),
            .. df.Filter(Col("city") == "city-2").OrderBy(Col("id").Desc()).Limit(3).Collect().Select(r => r.ToString()),
            .. df.Join(df.GroupBy("city").Count(), "city").GroupBy("count").Count().Collect().Select(r => r.ToString()).Order(),
        ];
        Assert.Equal(Answer(Make()), Answer(cached));
    }
}
