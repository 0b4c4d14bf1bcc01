using System.Buffers;

namespace Kindling.Formats.Csv;

/// <summary>
/// The positions the tokenizer found for up to <see cref="Capacity"/> rows: per row its raw span, start
/// line and field count; per (row, field) the field's start and end in the data (end exclusive; start -1
/// when the row has fewer fields). Arrays are rented from the shared pool and reused across batches.
/// </summary>
internal sealed class CsvRowBuffer : IDisposable
{
    public CsvRowBuffer(int capacity, int columnCount)
    {
        Capacity = capacity;
        ColumnCount = columnCount;
        int cells = Math.Max(1, capacity * Math.Max(1, columnCount));
        FieldStarts = ArrayPool<int>.Shared.Rent(cells);
        FieldEnds = ArrayPool<int>.Shared.Rent(cells);
        RowStarts = ArrayPool<int>.Shared.Rent(capacity);
        RowEnds = ArrayPool<int>.Shared.Rent(capacity);
        RowFieldCounts = ArrayPool<int>.Shared.Rent(capacity);
        RowLines = ArrayPool<long>.Shared.Rent(capacity);
        RowUnterminatedQuote = ArrayPool<bool>.Shared.Rent(capacity);
    }

    public int Capacity { get; }
    public int ColumnCount { get; }
    public int RowCount { get; set; }
    public int[] FieldStarts { get; }
    public int[] FieldEnds { get; }
    public int[] RowStarts { get; }
    public int[] RowEnds { get; }
    public int[] RowFieldCounts { get; }
    /// <summary>0-based line (relative to the tokenizer's start) where each row begins.</summary>
    public long[] RowLines { get; }
    public bool[] RowUnterminatedQuote { get; }

    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(FieldStarts);
        ArrayPool<int>.Shared.Return(FieldEnds);
        ArrayPool<int>.Shared.Return(RowStarts);
        ArrayPool<int>.Shared.Return(RowEnds);
        ArrayPool<int>.Shared.Return(RowFieldCounts);
        ArrayPool<long>.Shared.Return(RowLines);
        ArrayPool<bool>.Shared.Return(RowUnterminatedQuote);
    }
}
