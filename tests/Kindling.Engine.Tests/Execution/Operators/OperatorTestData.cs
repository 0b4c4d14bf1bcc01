using System.Globalization;
using Kindling.Execution;
using Kindling.Execution.Operators.Source;
using Kindling.Kernels.Selection;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Execution.Operators;

/// <summary>Builds operator inputs from plain C# rows and reads results back as rows.</summary>
internal static class OperatorTestData
{
    public static Schema Schema(params (string Name, ColumnType Type)[] columns) =>
        new(columns.Select(c => new Field(c.Name, c.Type)).ToArray());

    public static QueryContext Context(int dop = 1, long memoryLimit = 0, int batchSize = ColumnBatch.DefaultRowCount, string? spill = null) =>
        new(dop, memoryLimit, spill) { BatchSize = batchSize };

    /// <summary>A source of <paramref name="rows"/> in batches of <paramref name="batchSize"/>; string columns dictionary-encoded when asked.</summary>
    public static InMemorySourceOperator Source(Schema schema, IReadOnlyList<object?[]> rows, int batchSize = 3, bool dictionaryStrings = false)
    {
        var batches = new List<ColumnBatch>();
        for (int start = 0; start < rows.Count; start += batchSize)
        {
            int count = Math.Min(batchSize, rows.Count - start);
            var columns = new ColumnVector[schema.Count];
            for (int c = 0; c < schema.Count; c++)
            {
                var values = Enumerable.Range(start, count).Select(r => rows[r][c]).ToList();
                columns[c] = dictionaryStrings && schema[c].Type.Kind == TypeKind.String ? Dictionary(values) : VectorFromObjects.Build(schema[c].Type, values);
            }
            batches.Add(new ColumnBatch(schema, columns, count));
        }
        return new InMemorySourceOperator(schema, batches);
    }

    private static DictionaryVector Dictionary(List<object?> values)
    {
        // Reverse order so codes differ from first-seen order.
        var distinct = values.Where(v => v is not null).Distinct().Reverse().ToList();
        var dictionary = VectorFromObjects.Build(ColumnType.String, distinct);
        var codes = values.Select(v => v is null ? 0 : distinct.IndexOf(v)).ToArray();
        byte[]? bits = null;
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i] is not null) continue;
            bits ??= Validity.AllValid(values.Count);
            Validity.SetNull(bits, i);
        }
        return new DictionaryVector(dictionary, codes, values.Count, bits);
    }

    public static List<object?[]> Collect(PhysicalOperator op, QueryContext? context = null)
    {
        context ??= Context();
        var rows = new List<object?[]>();
        foreach (var batch in op.Execute(context))
        {
            Assert.True(batch.RowCount <= context.BatchSize, $"batch of {batch.RowCount} rows exceeds BatchSize {context.BatchSize}");
            Assert.Equal(op.OutputSchema.Count, batch.ColumnCount);
            for (int r = 0; r < batch.RowCount; r++)
                rows.Add(Enumerable.Range(0, batch.ColumnCount).Select(c => batch[c].GetObject(r)).ToArray());
        }
        return rows;
    }

    public static string Format(object? v) => v switch
    {
        null => "null",
        double d => double.IsNaN(d) ? "NaN" : (d == 0 ? 0.0 : d).ToString("G11", CultureInfo.InvariantCulture),
        float f => float.IsNaN(f) ? "NaN" : f.ToString("R", CultureInfo.InvariantCulture),
        decimal m => (m / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    };

    public static string FormatRow(object?[] row) => string.Join("|", row.Select(Format));

    /// <summary>Asserts equal rows in order.</summary>
    public static void Equal(IEnumerable<object?[]> expected, IEnumerable<object?[]> actual) =>
        Assert.Equal(expected.Select(FormatRow).ToList(), actual.Select(FormatRow).ToList());

    /// <summary>Asserts equal rows in any order.</summary>
    public static void EqualUnordered(IEnumerable<object?[]> expected, IEnumerable<object?[]> actual) =>
        Assert.Equal(expected.Select(FormatRow).Order(StringComparer.Ordinal).ToList(), actual.Select(FormatRow).Order(StringComparer.Ordinal).ToList());

    public static object?[] Row(params object?[] values) => values;
}
