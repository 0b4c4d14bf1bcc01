using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Kindling.Formats.Csv;

/// <summary>
/// Finds row and field boundaries (Sep's "find positions, convert later"). It builds a bitmask of the
/// special bytes (separator, quote, escape, CR, LF) 32 bytes at a time with <see cref="Vector256"/>
/// (or a scalar twin) and walks only the set bits, so ordinary field bytes are never branched on.
/// Quoted fields are recognized by their opening quote; unquoting happens later, only for fields that
/// start with a quote. Rows end at LF, CRLF or a lone CR outside quotes (and at any of them inside quotes
/// when multiLine is off, flagging the row as malformed).
/// </summary>
internal sealed class CsvTokenizer
{
    private const int Block = 32;

    private readonly byte _sep, _quote, _escape;
    private readonly byte _quoteKey, _escapeKey;
    private readonly bool _multiLine, _useVector, _ignoreLeading;
    private readonly byte _comment;

    public CsvTokenizer(CsvReadOptions options)
    {
        _sep = options.Separator;
        _quote = options.Quote;
        _escape = options.Escape == options.Quote ? (byte)0 : options.Escape;
        // Bytes we do not search for are replaced by LF so the vector compares stay branch-free.
        _quoteKey = _quote == 0 ? (byte)'\n' : _quote;
        _escapeKey = _escape == 0 || _quote == 0 ? (byte)'\n' : _escape;
        _multiLine = options.MultiLine;
        _useVector = options.UseVectorTokenizer && Vector256.IsHardwareAccelerated;
        _ignoreLeading = options.IgnoreLeadingWhiteSpace;
        _comment = options.Comment;
    }

    /// <summary>
    /// Tokenizes rows of <paramref name="data"/> from <paramref name="start"/> into <paramref name="rows"/>
    /// (which it clears) until the buffer is full or the data ends. Returns the position after the last
    /// complete row. When <paramref name="isFinal"/> is false an incomplete last row is left for the next
    /// call (with more data); <paramref name="line"/> advances by the lines consumed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Tokenize(ReadOnlySpan<byte> data, int start, bool isFinal, CsvRowBuffer rows, ref long line)
    {
        int columns = rows.ColumnCount;
        int[] fieldStarts = rows.FieldStarts, fieldEnds = rows.FieldEnds;
        int rowCount = 0;
        int capacity = rows.Capacity;
        int len = data.Length;
        ref byte r0 = ref MemoryMarshal.GetReference(data);

        int rowStart = start, fieldStart = start, fieldCount = 0, cellBase = 0, skip = -1;
        long rowLine = line, currentLine = line;
        bool inQuotes = false, unterminated = false;
        int consumed = start;

        int blockStart = start;
        while (blockStart < len)
        {
            uint mask = _useVector && blockStart + Block <= len
                ? VectorMask(ref Unsafe.Add(ref r0, blockStart))
                : ScalarMask(data, blockStart, Math.Min(Block, len - blockStart));
            while (mask != 0)
            {
                int j = blockStart + BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                if (j <= skip) continue;
                byte b = Unsafe.Add(ref r0, j);
                int rowEnd, next;
                if (inQuotes)
                {
                    if (b == _quote)
                    {
                        if (j + 1 < len)
                        {
                            if (Unsafe.Add(ref r0, j + 1) == _quote) { skip = j + 1; continue; }
                        }
                        else if (!isFinal) goto Partial;
                        inQuotes = false;
                        continue;
                    }
                    if (b == _escape && _escape != 0)
                    {
                        if (j + 1 >= len && !isFinal) goto Partial;
                        skip = j + 1;
                        continue;
                    }
                    if (b == (byte)'\n' || b == (byte)'\r')
                    {
                        if (_multiLine)
                        {
                            if (b == (byte)'\n' || j + 1 >= len || Unsafe.Add(ref r0, j + 1) != (byte)'\n') currentLine++;
                            continue;
                        }
                        unterminated = true;
                        inQuotes = false;
                        goto EndOfLine;
                    }
                    continue;
                }
                if (b == _sep)
                {
                    if (fieldCount < columns)
                    {
                        fieldStarts[cellBase + fieldCount] = fieldStart;
                        fieldEnds[cellBase + fieldCount] = j;
                    }
                    fieldCount++;
                    fieldStart = j + 1;
                    continue;
                }
                if (b == _quote && _quote != 0)
                {
                    if (j == fieldStart || (_ignoreLeading && IsBlank(data[fieldStart..j]))) inQuotes = true;
                    continue;
                }
                if (b != (byte)'\n' && b != (byte)'\r') continue; // escape outside quotes is literal
            EndOfLine:
                rowEnd = j;
                if (b == (byte)'\r')
                {
                    if (j + 1 < len)
                    {
                        if (Unsafe.Add(ref r0, j + 1) == (byte)'\n') skip = j + 1;
                    }
                    else if (!isFinal) goto Partial;
                }
                next = skip == j + 1 ? j + 2 : j + 1;
                currentLine++;
                // Empty lines and comment lines are skipped, as in Spark.
                if ((rowEnd == rowStart && fieldCount == 0) || (_comment != 0 && rowEnd > rowStart && data[rowStart] == _comment))
                {
                    rowStart = fieldStart = next;
                    rowLine = currentLine;
                    consumed = next;
                    unterminated = false;
                    continue;
                }
                if (fieldCount < columns)
                {
                    fieldStarts[cellBase + fieldCount] = fieldStart;
                    fieldEnds[cellBase + fieldCount] = rowEnd;
                }
                fieldCount++;
                for (int f = fieldCount; f < columns; f++) fieldStarts[cellBase + f] = -1;
                rows.RowStarts[rowCount] = rowStart;
                rows.RowEnds[rowCount] = rowEnd;
                rows.RowFieldCounts[rowCount] = fieldCount;
                rows.RowLines[rowCount] = rowLine;
                rows.RowUnterminatedQuote[rowCount] = unterminated;
                rowCount++;
                cellBase += columns;
                rowStart = fieldStart = next;
                rowLine = currentLine;
                fieldCount = 0;
                unterminated = false;
                consumed = next;
                if (rowCount == capacity)
                {
                    rows.RowCount = rowCount;
                    line = currentLine;
                    return consumed;
                }
            }
            blockStart += Block;
        }

        if (isFinal && rowStart < len)
        {
            // Last row without a line end.
            if (inQuotes) unterminated = true;
            if (!(_comment != 0 && data[rowStart] == _comment))
            {
                if (fieldCount < columns)
                {
                    fieldStarts[cellBase + fieldCount] = fieldStart;
                    fieldEnds[cellBase + fieldCount] = len;
                }
                fieldCount++;
                for (int f = fieldCount; f < columns; f++) fieldStarts[cellBase + f] = -1;
                rows.RowStarts[rowCount] = rowStart;
                rows.RowEnds[rowCount] = len;
                rows.RowFieldCounts[rowCount] = fieldCount;
                rows.RowLines[rowCount] = rowLine;
                rows.RowUnterminatedQuote[rowCount] = unterminated;
                rowCount++;
            }
            consumed = len;
            currentLine = rowLine + 1;
            rowLine = currentLine;
        }
    Partial:
        rows.RowCount = rowCount;
        line = rowLine;
        return consumed;
    }

    private static bool IsBlank(ReadOnlySpan<byte> s)
    {
        foreach (byte c in s)
            if (c is not ((byte)' ' or (byte)'\t')) return false;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint VectorMask(ref byte at)
    {
        Vector256<byte> v = Vector256.LoadUnsafe(ref at);
        Vector256<byte> hits = Vector256.Equals(v, Vector256.Create(_sep))
            | Vector256.Equals(v, Vector256.Create(_quoteKey))
            | Vector256.Equals(v, Vector256.Create(_escapeKey))
            | Vector256.Equals(v, Vector256.Create((byte)'\n'))
            | Vector256.Equals(v, Vector256.Create((byte)'\r'));
        return hits.ExtractMostSignificantBits();
    }

    private uint ScalarMask(ReadOnlySpan<byte> data, int at, int count)
    {
        uint mask = 0;
        for (int i = 0; i < count; i++)
        {
            byte c = data[at + i];
            if (c == _sep || c == _quoteKey || c == _escapeKey || c == (byte)'\n' || c == (byte)'\r') mask |= 1u << i;
        }
        return mask;
    }
}
