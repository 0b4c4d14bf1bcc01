using System.Numerics;
using Kindling.Formats.Parquet.Encodings;
using Kindling.Vectors;

namespace Kindling.Formats.Parquet.Reader;

/// <summary>
/// LIST columns: each page's repetition and definition levels are decoded whole and checked; its element
/// entries (definition level at least <see cref="ParquetColumn.ElementLevel"/>) become the "rows" the flat
/// machinery decodes and places (their validity in <c>_levels</c>), and <see cref="ReadLists"/> walks the level
/// entries to cut rows: repetition level 0 starts a row, a lower definition level makes it null or empty. A row
/// may continue on the next page (data page v1), so a window ends only where the next row starts or the chunk ends.
/// </summary>
internal sealed partial class ColumnChunkReader
{
    /// <summary>The most level entries one column chunk of a list may hold (as many as the rows of a row group).</summary>
    private const long MaxListValues = ParquetFileReader.MaxRowGroupRows;

    /// <summary>Elements a window allocates before its pages prove it needs more.</summary>
    private const int UnprovenElements = 1 << 16;

    // The current page's level entries, the next one to hand out, and how many of them are elements.
    private int[] _rep = [];
    private int[] _def = [];
    private int _pageEntries;
    private int _entryPos;
    private int _pageSlots;
    // Elements per row of the previous window, to size the next one (0 before the first).
    private double _elementsPerRow;

    private void CheckListValues(long values, int rows)
    {
        if (values < rows || values > MaxListValues)
            ParquetThrow.Corrupt($"column '{_column.Name}' holds {values} values in a row group of {rows} rows (a list column holds at least one per row, at most {MaxListValues} are read)");
    }

    /// <summary>
    /// Decodes and checks a page's <paramref name="count"/> level entries, and lays out its elements' validity in
    /// <c>_levels</c> (or sets <c>_levelsAllOne</c> when elements are required). Returns the number of elements.
    /// </summary>
    private int DecodeListLevels(ReadOnlySpan<byte> repetition, ReadOnlySpan<byte> definition, int count)
    {
        var rep = Levels(ref _rep, repetition, _column.MaxRepetitionLevel, count, "repetition levels");
        var def = Levels(ref _def, definition, _column.MaxDefinitionLevel, count, "definition levels");
        int maxDef = _column.MaxDefinitionLevel, maxRep = _column.MaxRepetitionLevel, elementLevel = _column.ElementLevel;
        bool nullableElements = maxDef > elementLevel;
        var valid = nullableElements ? Ensure(ref _levels, count) : null; // count is proven by the decoded levels
        int elements = 0;
        for (int i = 0; i < rep.Length; i++)
        {
            int r = rep[i], d = def[i];
            if ((uint)d > (uint)maxDef) ParquetThrow.Corrupt($"column '{_column.Name}': definition level {d} above the maximum {maxDef}");
            if ((uint)r > (uint)maxRep) ParquetThrow.Corrupt($"column '{_column.Name}': repetition level {r} above the maximum {maxRep}");
            if (d >= elementLevel)
            {
                if (nullableElements) valid![elements] = d == maxDef ? 1 : 0;
                elements++;
            }
            else if (r != 0)
            {
                ParquetThrow.Corrupt($"column '{_column.Name}': repetition level {r} continues a list with definition level {d}, which holds no element");
            }
        }
        _levelsAllOne = !nullableElements;
        _pageSlots = elements;
        return elements;
    }

    /// <summary>Levels at the bit width of <paramref name="maxLevel"/>, into <paramref name="buffer"/> (grown only for a count the data holds).</summary>
    private ReadOnlySpan<int> Levels(ref int[] buffer, ReadOnlySpan<byte> encoded, int maxLevel, int count, string what)
    {
        int bitWidth = 32 - BitOperations.LeadingZeroCount((uint)maxLevel);
        var levels = RleRoom(ref buffer, encoded, bitWidth, count, what);
        RleBitPackedHybrid.Decode(encoded, bitWidth, levels);
        return levels;
    }

    /// <summary>The next <paramref name="rows"/> lists: offsets and list validity from the levels, elements placed page by page.</summary>
    private ListVector ReadLists(int rows)
    {
        if (_entryPos == _pageEntries) NextDataPage(); // a corrupt first page fails before the window is allocated
        double perRow = _elementsPerRow > 0 ? _elementsPerRow * 1.0625 : 1;
        Allocate((int)Math.Min(rows * perRow + 16, _elementsPerRow > 0 ? MaxListValues : Math.Max(rows, UnprovenElements)));
        var offsets = GC.AllocateUninitializedArray<int>(rows + 1);
        byte[]? validity = null;
        int nullLists = 0, row = -1, elements = 0;
        int elementLevel = _column.ElementLevel, definedLevel = _column.ListDefinedLevel;
        while (true)
        {
            if (_entryPos == _pageEntries)
            {
                if (_valuesUndecoded == 0) break; // the chunk ends, and with it the last row
                NextDataPage();
            }
            var rep = _rep;
            var def = _def;
            int pos = _entryPos, end = _pageEntries, slots = 0;
            for (; pos < end; pos++)
            {
                if (rep[pos] != 0)
                {
                    if (row < 0) ParquetThrow.Corrupt($"column '{_column.Name}': repetition level {rep[pos]} where a row must start (a list continued from before its column chunk)");
                    slots++; // DecodeListLevels proved a continued entry is an element
                    continue;
                }
                if (row + 1 == rows) break; // the next window's first row
                offsets[++row] = elements + slots;
                int d = def[pos];
                if (d >= elementLevel) slots++;
                else if (d < definedLevel)
                {
                    validity ??= Validity.AllValid(rows);
                    Validity.SetNull(validity, row);
                    nullLists++;
                }
            }
            if (slots > 0)
            {
                EnsureElementRoom(elements + slots);
                Place(slots, elements);
                elements += slots;
            }
            _entryPos = pos;
            if (pos < end) break;
        }
        if (row + 1 < rows) ParquetThrow.Corrupt($"column '{_column.Name}' ends with {rows - row - 1} of its rows still to come");
        _rowsLeft -= rows;
        if (_rowsLeft == 0 && _entryPos < _pageEntries) ParquetThrow.Corrupt($"column '{_column.Name}' holds more lists than its row group's rows");
        offsets[rows] = elements;
        _elementsPerRow = Math.Max((double)elements / rows, 1.0 / 1024);
        return new ListVector(_column.Type, offsets, Build(elements), rows, validity, nullLists);
    }

    /// <summary>Grows the window's element buffers (values, codes, validity) to hold <paramref name="needed"/> elements.</summary>
    private void EnsureElementRoom(int needed)
    {
        if (needed <= _rows) return;
        if (needed > MaxListValues) ParquetThrow.Corrupt($"column '{_column.Name}': a window of more than {MaxListValues} list elements");
        int capacity = (int)Math.Min(Math.Max(needed, _rows * 2L), MaxListValues);
        _out = _out switch
        {
            byte[] o => Grown(o, capacity),
            int[] o => Grown(o, capacity),
            long[] o => Grown(o, capacity),
            float[] o => Grown(o, capacity),
            double[] o => Grown(o, capacity),
            Int128[] o => Grown(o, capacity),
            _ => _out, // strings: codes or a builder that grows itself
        };
        if (_codes is not null) _codes = Grown(_codes, capacity);
        if (_validity is not null)
        {
            // Bits past the filled elements are 1 in both bitmaps, so the old one copies over whole.
            var validity = Validity.AllValid(capacity);
            _validity.CopyTo(validity, 0);
            _validity = validity;
        }
        _rows = capacity;
    }

    private static T[] Grown<T>(T[] array, int capacity)
    {
        var grown = GC.AllocateUninitializedArray<T>(capacity);
        array.CopyTo(grown, 0);
        return grown;
    }
}
