using Kindling.Kernels.Hashing;
using Kindling.Vectors;

namespace Kindling.Kernels.Compression;

/// <summary>
/// Compresses the string columns of rows being cached: a column whose batches are all plain strings with few
/// distinct values (at most one in <see cref="RowsPerDistinct"/>) becomes dictionary vectors over one dictionary
/// shared by all its batches, as Spark's in-memory columnar cache dictionary-encodes such columns. The cached rows
/// then take 4 bytes a row instead of their bytes and offsets, and grouping or joining on them interns each
/// distinct string once per query instead of once per row. Other columns are kept as they are.
/// </summary>
internal static class CachedStringDictionary
{
    /// <summary>A column is encoded only when it has at most one distinct value per this many rows.</summary>
    public const int RowsPerDistinct = 8;

    public static IReadOnlyList<ColumnBatch> Compress(IReadOnlyList<ColumnBatch> batches, int degreeOfParallelism)
    {
        if (batches.Count == 0) return batches;
        Schema schema = batches[0].Schema;
        long rows = batches.Sum(b => (long)b.RowCount);
        var encoded = new ColumnVector[schema.Count][];
        Parallel.For(0, schema.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, degreeOfParallelism) }, c =>
        {
            if (schema[c].Type.Kind == TypeKind.String) encoded[c] = TryEncode(batches, c, rows)!;
        });
        if (Array.TrueForAll(encoded, e => e is null)) return batches;
        var result = new ColumnBatch[batches.Count];
        for (int b = 0; b < batches.Count; b++)
        {
            var columns = new ColumnVector[schema.Count];
            for (int c = 0; c < columns.Length; c++) columns[c] = encoded[c]?[b] ?? batches[b][c];
            result[b] = new ColumnBatch(batches[b].Schema, columns, batches[b].RowCount);
        }
        return result;
    }

    /// <summary>Column <paramref name="column"/> of every batch as dictionary vectors, or null when it does not qualify.</summary>
    private static ColumnVector[]? TryEncode(IReadOnlyList<ColumnBatch> batches, int column, long rows)
    {
        long maxDistinct = Math.Max(1, rows / RowsPerDistinct);
        var interner = new StringInterner();
        var codes = new int[batches.Count][];
        for (int b = 0; b < batches.Count; b++)
        {
            if (batches[b][column] is not StringVector strings) return null; // already dictionary encoded, or another layout
            int n = strings.Length;
            var ids = new int[n];
            interner.InternAll(strings.Offsets, strings.Bytes, strings.ValidityBits, n, ids, lookupOnly: false);
            if (interner.Count > maxDistinct) return null;
            if (strings.HasNulls)
                for (int i = 0; i < n; i++) if (ids[i] < 0) ids[i] = 0; // a null row's code is never read
            codes[b] = ids;
        }
        var dictionary = Dictionary(interner);
        var vectors = new ColumnVector[batches.Count];
        for (int b = 0; b < batches.Count; b++)
        {
            var strings = (StringVector)batches[b][column];
            vectors[b] = new DictionaryVector(dictionary, codes[b], strings.Length, strings.ValidityBits, strings.NullCount);
        }
        return vectors;
    }

    private static StringVector Dictionary(StringInterner interner)
    {
        int count = interner.Count;
        var builder = new StringVectorBuilder(ColumnType.String, Math.Max(1, count));
        for (int id = 0; id < count; id++) builder.Append(interner.Get(id));
        return builder.Build();
    }
}
