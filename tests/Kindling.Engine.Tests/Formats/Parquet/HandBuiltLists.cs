using Kindling.Formats.Parquet.Compression;
using Kindling.Formats.Parquet.Metadata;

namespace Kindling.Engine.Tests.Formats.Parquet;

/// <summary>
/// Hand-built files with one list-of-INT32 column in any of the schema forms of LogicalTypes.md: its rows become
/// repetition and definition levels (Dremel's encoding, written out here from the spec) cut into pages.
/// </summary>
internal static class HandBuiltLists
{
    /// <summary>Rows covering every case: elements, a null list, an empty list, null elements, a long list.</summary>
    public static readonly int?[]?[] SampleRows =
    [
        [1, 2, 3], null, [], [null, 4], [5, 6, 7, 8, 9, 10, 11], [12], null, [13, null], [], [.. Enumerable.Range(14, 30).Select(v => (int?)v)], [44],
    ];

    public static SchemaElement Int32(string name, FieldRepetition repetition) => new() { Name = name, Type = PhysicalType.Int32, Repetition = repetition };

    public static SchemaElement Group(string name, FieldRepetition repetition, int children, bool list = false) => new()
    {
        Name = name, Repetition = repetition, NumChildren = children, ConvertedType = list ? ConvertedType.List : null,
        LogicalType = list ? new LogicalType(LogicalTypeKind.List) : null,
    };

    /// <summary>The standard 3-level form: <c>optional group xs (LIST) { repeated group list { optional int32 element } }</c>.</summary>
    public static SchemaElement[] Standard(bool listOptional = true, bool elementOptional = true) =>
    [
        Group("xs", listOptional ? FieldRepetition.Optional : FieldRepetition.Required, 1, list: true),
        Group("list", FieldRepetition.Repeated, 1),
        Int32("element", elementOptional ? FieldRepetition.Optional : FieldRepetition.Required),
    ];

    /// <summary>The levels of <paramref name="rows"/> and the values of their non-null elements.</summary>
    public static (int[] Rep, int[] Def, int[] Values) Levels(IReadOnlyList<int?[]?> rows, bool listOptional, bool elementOptional)
    {
        int defined = listOptional ? 1 : 0, element = defined + 1, max = element + (elementOptional ? 1 : 0);
        List<int> rep = [], def = [], values = [];
        foreach (var row in rows)
        {
            if (row is null || row.Length == 0)
            {
                rep.Add(0);
                def.Add(row is null ? defined - 1 : defined);
                continue;
            }
            for (int k = 0; k < row.Length; k++)
            {
                rep.Add(k == 0 ? 0 : 1);
                def.Add(row[k] is null ? element : max);
                if (row[k] is { } v) values.Add(v);
            }
        }
        return ([.. rep], [.. def], [.. values]);
    }

    /// <summary>
    /// A file of <paramref name="rows"/> in the schema <paramref name="elements"/>, PLAIN, in pages of about
    /// <paramref name="pageEntries"/> level entries: v1 pages cut anywhere (a row continues on the next page),
    /// v2 pages only where a row starts. <paramref name="tamper"/> may change the levels before they are written.
    /// </summary>
    public static byte[] File(SchemaElement[] elements, IReadOnlyList<int?[]?> rows, bool listOptional, bool elementOptional, bool v2, int pageEntries = 5,
        CompressionCodec codec = CompressionCodec.Uncompressed, Action<int[], int[]>? tamper = null, long? claimedRows = null)
    {
        var (rep, def, values) = Levels(rows, listOptional, elementOptional);
        tamper?.Invoke(rep, def);
        int max = (listOptional ? 2 : 1) + (elementOptional ? 1 : 0);
        var b = new HandBuiltParquet(codec).Column(elements, ParquetEncoding.Plain);
        int start = 0, value = 0;
        while (start < rep.Length)
        {
            int end = Math.Min(start + pageEntries, rep.Length);
            while (v2 && end < rep.Length && rep[end] != 0) end++;
            int count = def[start..end].Count(d => d == max);
            b.ListPage(v2, rep[start..end], def[start..end], max, HandBuiltParquet.Plain(values.Skip(value).Take(count)));
            value += count;
            start = end;
        }
        return b.Build(claimedRows ?? rows.Count);
    }
}
