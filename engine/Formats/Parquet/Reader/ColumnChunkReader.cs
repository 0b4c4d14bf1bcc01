using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Kindling.Formats.Parquet.Compression;
using Kindling.Formats.Parquet.Encodings;
using Kindling.Formats.Parquet.Metadata;
using Kindling.Vectors;

namespace Kindling.Formats.Parquet.Reader;

/// <summary>
/// Decodes one column chunk into engine vectors, a window of rows at a time (<see cref="Begin"/>, then
/// <see cref="ReadNext"/>): walks its pages, decompresses them, decodes definition levels and values
/// (PLAIN, dictionary, RLE, DELTA_*, BYTE_STREAM_SPLIT), converts physical values to the engine type, and
/// places them around the nulls. A page may span two windows; it is decoded once and handed out in parts.
/// Small windows keep the output arrays small enough to be recycled hot by the GC instead of faulting in
/// fresh memory for a whole row group. Every size read from the file is checked before use. LIST columns
/// (<see cref="ParquetColumn.IsList"/>) decode their elements the same way, see ColumnChunkReader.Lists.cs.
/// </summary>
internal sealed partial class ColumnChunkReader
{
    /// <summary>No page may claim to decompress to more than this (decompression bombs).</summary>
    private const int MaxPageBytes = 256 << 20;

    private readonly ParquetColumn _column;
    private readonly TypeKind _storage;

    // Decoded non-null values of the current page (or dictionary), in physical form then engine form.
    private int[] _ints = [];
    private long[] _longs = [];
    private float[] _floats = [];
    private double[] _doubles = [];
    private byte[] _bools = [];
    private Int128[] _wides = [];
    private readonly DenseByteArrays _bytes = new();
    private readonly DenseByteArrays _dictBytes = new();
    private Array? _dictionary;
    private int _dictionaryCount = -1;
    private int[] _levels = [];
    private bool _levelsAllOne; // the page's levels are one run of 1s (no nulls), not expanded into _levels
    // When >= 0, the current page's values are PLAIN fixed-width values in engine form at this offset of
    // _decompressed, handed out from there instead of copied to a dense buffer first.
    private int _plainOffset = -1;
    private int[] _indices = [];
    private byte[] _decompressed = [];

    // The chunk being read: its bytes (in _chunk), codec, where the next page header starts, rows not yet handed out.
    private int _chunkLength;
    private int _pos;
    private int _rowsLeft;
    // Values (level entries; rows for a flat column) of the chunk in pages not yet decoded.
    private int _valuesUndecoded;
    private ICompressionCodec? _codec;

    // The current data page, decoded whole: its rows, how many were handed out, how many dense values they used,
    // whether all are valid (else _levels holds them), and whether it holds dictionary codes of strings (_indices).
    private int _pageRows;
    private int _pageRowsDone;
    private int _pageDenseDone;
    private bool _pageAllValid;
    private bool _pageCodes;
    // A dictionary page of fixed-width values: its indices stay in _indices and each window gathers from the dictionary.
    private bool _pageGathers;
    private StringVector? _dictionaryStrings;

    // The window's output, one slot per row.
    private Array _out = Array.Empty<int>();
    private StringVectorBuilder? _strings;
    // Byte-array columns whose data pages are all dictionary encoded keep the codes (Arrow's dictionary layout).
    private int[]? _codes;
    private int _rows;
    private byte[] _chunk = [];
    private byte[]? _validity;
    private int _nulls;

    public ColumnChunkReader(ParquetColumn column)
    {
        _column = column;
        _storage = column.ValueType.Kind switch
        {
            TypeKind.Decimal => column.ValueType.IsWideDecimal ? TypeKind.Decimal : TypeKind.Int64,
            TypeKind.Date => TypeKind.Int32,
            TypeKind.Timestamp => TypeKind.Int64,
            var k => k,
        };
    }

    /// <summary>A buffer of at least <paramref name="length"/> bytes for the chunk, reused across row groups.</summary>
    public Span<byte> ChunkBuffer(int length)
    {
        if (_chunk.Length < length) _chunk = GC.AllocateUninitializedArray<byte>(Math.Max(length, _chunk.Length + _chunk.Length / 2));
        return _chunk.AsSpan(0, length);
    }

    /// <summary>Decodes a whole chunk into one vector (tests and tools; scans use <see cref="Begin"/> and <see cref="ReadNext"/>).</summary>
    public ColumnVector Read(ReadOnlySpan<byte> chunk, ColumnMetaData meta, int numRows)
    {
        chunk.CopyTo(ChunkBuffer(chunk.Length));
        Begin(chunk.Length, meta, numRows);
        return ReadNext(numRows);
    }

    /// <summary>Starts reading the chunk whose <paramref name="chunkLength"/> bytes were read into <see cref="ChunkBuffer"/>.</summary>
    public void Begin(int chunkLength, ColumnMetaData meta, int numRows)
    {
        if (_column.IsList) CheckListValues(meta.NumValues, numRows);
        else if (meta.NumValues != numRows) ParquetThrow.Corrupt($"column '{_column.Name}' holds {meta.NumValues} values in a row group of {numRows} rows");
        _codec = CompressionCodecs.Get(meta.Codec);
        _chunkLength = chunkLength;
        _pos = 0;
        _rowsLeft = numRows;
        _valuesUndecoded = (int)meta.NumValues;
        _pageEntries = _entryPos = 0;
        _dictionaryCount = -1;
        _dictionaryStrings = null;
        _pageRows = _pageRowsDone = _pageDenseDone = 0;
    }

    /// <summary>The next <paramref name="rows"/> rows of the chunk (no more than are left) as one vector.</summary>
    public ColumnVector ReadNext(int rows)
    {
        if (rows <= 0 || rows > _rowsLeft) throw new ArgumentOutOfRangeException(nameof(rows), rows, $"{_rowsLeft} rows are left in the chunk");
        if (_column.IsList) return ReadLists(rows);
        // The first page is decoded before the window's output is allocated: a window as large as a row group
        // (ReadRowGroup) is then not allocated for a chunk whose first page already shows it is corrupt.
        if (_pageRowsDone == _pageRows) NextDataPage();
        Allocate(rows);
        int row = 0;
        while (row < rows)
        {
            if (_pageRowsDone == _pageRows) NextDataPage();
            int take = Math.Min(rows - row, _pageRows - _pageRowsDone);
            Place(take, row);
            row += take;
        }
        _rowsLeft -= rows;
        return Build(rows);
    }

    /// <summary>Reads page headers up to the next data page (taking in a dictionary page on the way) and decodes it.</summary>
    private void NextDataPage()
    {
        var chunk = _chunk.AsSpan(0, _chunkLength);
        while (true)
        {
            if (_pos >= chunk.Length) ParquetThrow.Corrupt($"column '{_column.Name}' ends with {_rowsLeft} of its rows still to come");
            var header = PageHeader.Read(chunk[_pos..], out int headerLength);
            _pos += headerLength;
            if (header.CompressedSize < 0 || header.CompressedSize > chunk.Length - _pos)
                ParquetThrow.Corrupt($"column '{_column.Name}': page of {header.CompressedSize} bytes runs past its column chunk");
            if (header.UncompressedSize < 0 || header.UncompressedSize > MaxPageBytes)
                ParquetThrow.Corrupt($"column '{_column.Name}': page claims {header.UncompressedSize} uncompressed bytes");
            var body = chunk.Slice(_pos, header.CompressedSize);
            _pos += header.CompressedSize;
            switch (header.Type)
            {
                case PageType.DictionaryPage:
                    ReadDictionary(header, Decompress(_codec!, body, header.UncompressedSize));
                    continue;
                case PageType.DataPage:
                    CheckPageRows(header);
                    if (!TryDecompressPlainValues(header, body))
                        ReadDataPageV1(header, Decompress(_codec!, body, header.UncompressedSize));
                    break;
                case PageType.DataPageV2:
                    CheckPageRows(header);
                    ReadDataPageV2(header, body, _codec!);
                    break;
                default:
                    continue; // index pages carry nothing a scan needs
            }
            // A list page's "rows" here are its elements (_pageSlots); its level entries are walked by ReadLists.
            _pageRows = _column.IsList ? _pageSlots : header.NumValues;
            _pageEntries = header.NumValues;
            _pageRowsDone = _pageDenseDone = _entryPos = 0;
            if (_pageEntries > 0) return;
        }
    }

    /// <summary>
    /// A required column's PLAIN v1 page of fixed-width values already in engine form is exactly its values:
    /// decompress it straight into the dense buffer (one copy less than through the page buffer).
    /// </summary>
    private bool TryDecompressPlainValues(PageHeader header, ReadOnlySpan<byte> body)
    {
        if (_column.MaxDefinitionLevel != 0 || _column.IsList || header.Encoding != ParquetEncoding.Plain || _column.Conversion != ValueConversion.None) return false;
        int n = header.NumValues;
        int width = (_column.Physical, _storage) switch
        {
            (PhysicalType.Int64, TypeKind.Int64) or (PhysicalType.Double, TypeKind.Float64) => 8,
            (PhysicalType.Int32, TypeKind.Int32) or (PhysicalType.Float, TypeKind.Float32) => 4,
            _ => 0,
        };
        // Sizes are checked before the dense buffer is sized by the page's (claimed) value count.
        if (n == 0 || width == 0 || header.UncompressedSize != (long)n * width) return false; // the general path checks and reports
        CheckExpansion(body.Length, header.UncompressedSize);
        Span<byte> target = width == 8
            ? _column.Physical == PhysicalType.Int64 ? MemoryMarshal.AsBytes(Ensure(ref _longs, n).AsSpan(0, n)) : MemoryMarshal.AsBytes(Ensure(ref _doubles, n).AsSpan(0, n))
            : _column.Physical == PhysicalType.Int32 ? MemoryMarshal.AsBytes(Ensure(ref _ints, n).AsSpan(0, n)) : MemoryMarshal.AsBytes(Ensure(ref _floats, n).AsSpan(0, n));
        if (_codec!.Codec == CompressionCodec.Uncompressed)
        {
            if (body.Length != target.Length) ParquetThrow.Corrupt($"column '{_column.Name}': uncompressed page of {body.Length} bytes, header says {target.Length}");
            body.CopyTo(target);
        }
        else
        {
            _codec.Decompress(body, target);
        }
        _pageAllValid = true;
        _pageCodes = _pageGathers = false;
        _plainOffset = -1;
        return true;
    }

    private void CheckPageRows(PageHeader header)
    {
        if (header.NumValues < 0 || header.NumValues > _valuesUndecoded)
            ParquetThrow.Corrupt($"column '{_column.Name}': page of {header.NumValues} values past the column chunk's end ({_valuesUndecoded} values left)");
        _valuesUndecoded -= header.NumValues;
    }

    private ReadOnlySpan<byte> Decompress(ICompressionCodec codec, ReadOnlySpan<byte> body, int uncompressedSize)
    {
        if (codec.Codec == CompressionCodec.Uncompressed)
        {
            if (body.Length != uncompressedSize) ParquetThrow.Corrupt($"column '{_column.Name}': uncompressed page of {body.Length} bytes, header says {uncompressedSize}");
            return body;
        }
        CheckExpansion(body.Length, uncompressedSize);
        if (_decompressed.Length < uncompressedSize) _decompressed = new byte[Math.Max(uncompressedSize, _decompressed.Length * 2)];
        var target = _decompressed.AsSpan(0, uncompressedSize);
        codec.Decompress(body, target);
        return target;
    }

    /// <summary>
    /// Refuses a page whose header claims more uncompressed bytes than its codec can produce from its compressed
    /// bytes, before a buffer is sized by the claim. The bounds are the formats' best ratios: snappy's densest
    /// element is 3 bytes for 64, LZ4's match-length bytes add 255 each, deflate peaks at 1032:1, and a zstd
    /// block regenerates at most 128 KiB from at least 4 bytes.
    /// </summary>
    private void CheckExpansion(int compressedSize, int uncompressedSize)
    {
        long ratio = _codec!.Codec switch
        {
            CompressionCodec.Uncompressed => 1,
            CompressionCodec.Snappy => 22,
            CompressionCodec.Lz4Raw => 256,
            CompressionCodec.Gzip => 1032,
            CompressionCodec.Zstd => 32 << 10,
            _ => MaxPageBytes,
        };
        if (uncompressedSize > compressedSize * ratio + 64)
            ParquetThrow.Corrupt($"column '{_column.Name}': a {_codec.Codec} page of {compressedSize} bytes cannot hold the {uncompressedSize} bytes its header claims");
    }

    private void ReadDictionary(PageHeader header, ReadOnlySpan<byte> data)
    {
        if (_dictionaryCount >= 0) ParquetThrow.Corrupt($"column '{_column.Name}': a second dictionary page in one column chunk");
        if (header.NumValues < 0 || header.NumValues > data.Length * 8L + 1) ParquetThrow.Corrupt($"column '{_column.Name}': dictionary of {header.NumValues} values in {data.Length} bytes");
        if (header.Encoding is not (ParquetEncoding.Plain or ParquetEncoding.PlainDictionary))
            ParquetThrow.Corrupt($"column '{_column.Name}': dictionary page encoded as {header.Encoding}");
        DecodeDense(data, ParquetEncoding.Plain, header.NumValues);
        // Keep the dictionary in engine form, so data pages only gather.
        _dictionary = _storage switch
        {
            TypeKind.Boolean => _bools[..header.NumValues],
            TypeKind.Int32 => _ints[..header.NumValues],
            TypeKind.Int64 => _longs[..header.NumValues],
            TypeKind.Float32 => _floats[..header.NumValues],
            TypeKind.Float64 => _doubles[..header.NumValues],
            TypeKind.Decimal => _wides[..header.NumValues],
            _ => null,
        };
        if (_dictionary is null)
        {
            _dictBytes.Clear();
            for (int i = 0; i < _bytes.Count; i++) _dictBytes.Add(_bytes[i]);
        }
        _dictionaryCount = header.NumValues;
    }

    private void ReadDataPageV1(PageHeader header, ReadOnlySpan<byte> data)
    {
        int n = header.NumValues;
        int pos = 0;
        ReadOnlySpan<byte> repetition = default;
        if (_column.IsList)
        {
            if (header.RepetitionLevelEncoding != ParquetEncoding.Rle) ParquetThrow.NotSupported($"column '{_column.Name}': repetition levels encoded as {header.RepetitionLevelEncoding}");
            repetition = LengthPrefixed(data, ref pos, "repetition");
        }
        ReadOnlySpan<byte> definition = default;
        if (_column.MaxDefinitionLevel > 0)
        {
            if (header.DefinitionLevelEncoding != ParquetEncoding.Rle) ParquetThrow.NotSupported($"column '{_column.Name}': definition levels encoded as {header.DefinitionLevelEncoding}");
            definition = LengthPrefixed(data, ref pos, "definition");
        }
        if (_column.IsList) n = DecodeListLevels(repetition, definition, n);
        else if (_column.MaxDefinitionLevel > 0) DecodeLevels(definition, n);
        DecodePage(data[pos..], header.Encoding, n);
    }

    /// <summary>A v1 page's levels: a 4-byte length, then that many bytes of the RLE/bit-packed hybrid.</summary>
    private ReadOnlySpan<byte> LengthPrefixed(ReadOnlySpan<byte> data, scoped ref int pos, string what)
    {
        if (data.Length - pos < 4) ParquetThrow.Corrupt($"column '{_column.Name}': page too short for its {what} levels");
        int length = BinaryPrimitives.ReadInt32LittleEndian(data[pos..]);
        if (length < 0 || length > data.Length - pos - 4) ParquetThrow.Corrupt($"column '{_column.Name}': {what} levels of {length} bytes exceed the page");
        var levels = data.Slice(pos + 4, length);
        pos += 4 + length;
        return levels;
    }

    private void ReadDataPageV2(PageHeader header, ReadOnlySpan<byte> body, ICompressionCodec codec)
    {
        int n = header.NumValues;
        int repLength = header.RepetitionLevelsByteLength;
        if (repLength != 0 && !_column.IsList) ParquetThrow.Corrupt($"column '{_column.Name}': repetition levels in a page of a column that is not repeated");
        if (repLength < 0 || repLength > body.Length) ParquetThrow.Corrupt($"column '{_column.Name}': repetition levels of {repLength} bytes exceed the page");
        int defLength = header.DefinitionLevelsByteLength;
        if (defLength < 0 || defLength > body.Length - repLength) ParquetThrow.Corrupt($"column '{_column.Name}': definition levels of {defLength} bytes exceed the page");
        var definition = body.Slice(repLength, defLength);
        if (_column.IsList) n = DecodeListLevels(body[..repLength], definition, n);
        else if (_column.MaxDefinitionLevel > 0) DecodeLevels(definition, n);
        var values = body[(repLength + defLength)..];
        int valuesSize = header.UncompressedSize - repLength - defLength;
        if (valuesSize < 0) ParquetThrow.Corrupt($"column '{_column.Name}': page sizes are inconsistent");
        var decoded = header.IsCompressed ? Decompress(codec, values, valuesSize) : values;
        DecodePage(decoded, header.Encoding, n);
    }

    private void DecodeLevels(ReadOnlySpan<byte> encoded, int count)
    {
        _levelsAllOne = RleBitPackedHybrid.TrySingleRun(encoded, 1, count, out int level) && level == 1;
        if (_levelsAllOne) return;
        RleBitPackedHybrid.Decode(encoded, 1, RleRoom(ref _levels, encoded, 1, count, "definition levels"));
    }

    /// <summary>Decodes a data page's values: string dictionary pages as codes (_indices), everything else as dense values.</summary>
    private void DecodePage(ReadOnlySpan<byte> values, ParquetEncoding encoding, int count)
    {
        _plainOffset = -1;
        int nonNull = count;
        if (_column.MaxDefinitionLevel > 0 && !_levelsAllOne)
        {
            nonNull = 0;
            var levels = _levels.AsSpan(0, count);
            foreach (int level in levels)
            {
                if (level > 1) ParquetThrow.Corrupt($"column '{_column.Name}': definition level {level} above the maximum 1");
                nonNull += level;
            }
        }
        _pageAllValid = nonNull == count;
        bool dictionaryPage = encoding is ParquetEncoding.PlainDictionary or ParquetEncoding.RleDictionary;
        _pageCodes = dictionaryPage && IsByteArrayOutput && _column.Conversion == ValueConversion.None;
        _pageGathers = dictionaryPage && !_pageCodes && _dictionary is not null;
        if (_pageCodes || _pageGathers) DecodeIndices(values, nonNull);
        else if (dictionaryPage) Gather(values, nonNull);
        else if (!TryPlainInPage(values, encoding, nonNull)) DecodeDense(values, encoding, nonNull);
    }

    /// <summary>
    /// PLAIN fixed-width values that need no conversion and lie in the decompressed page buffer are used where
    /// they are (<see cref="_plainOffset"/>), saving a copy per value for nullable columns' pages.
    /// </summary>
    private bool TryPlainInPage(ReadOnlySpan<byte> values, ParquetEncoding encoding, int count)
    {
        if (encoding != ParquetEncoding.Plain || _column.Conversion != ValueConversion.None || values.IsEmpty) return false;
        int width = (_column.Physical, _storage) switch
        {
            (PhysicalType.Int64, TypeKind.Int64) or (PhysicalType.Double, TypeKind.Float64) => 8,
            (PhysicalType.Int32, TypeKind.Int32) or (PhysicalType.Float, TypeKind.Float32) => 4,
            _ => 0,
        };
        if (width == 0 || (long)count * width > values.Length) return false;
        // An uncompressed page's bytes are in the chunk buffer: those take the copying path.
        if (!((ReadOnlySpan<byte>)_decompressed).Overlaps(values, out int offset) || offset < 0) return false;
        _plainOffset = offset;
        return true;
    }

    /// <summary>The current page's dense values: in the page buffer (<see cref="TryPlainInPage"/>) or in <paramref name="dense"/>.</summary>
    private ReadOnlySpan<T> Dense<T>(T[] dense) where T : unmanaged =>
        _plainOffset >= 0 ? MemoryMarshal.Cast<byte, T>(_decompressed.AsSpan(_plainOffset)) : dense;

    /// <summary>Hands out the next <paramref name="take"/> rows of the current page at <paramref name="windowRow"/>.</summary>
    private void Place(int take, int windowRow)
    {
        var levels = _pageAllValid ? default : _levels.AsSpan(_pageRowsDone, take);
        int nonNull = take;
        if (!_pageAllValid)
        {
            nonNull = 0;
            foreach (int level in levels) nonNull += level;
        }
        if (IsByteArrayOutput && _column.Conversion == ValueConversion.None)
        {
            if (_pageCodes && _strings is null) PlaceCodes(levels, take, windowRow);
            else
            {
                if (_strings is null) MaterializeCodes(windowRow);
                PlaceStrings(levels, take);
            }
        }
        else
        {
            Scatter(levels, take, windowRow);
        }
        _pageRowsDone += take;
        _pageDenseDone += nonNull;
    }

    /// <summary>Dictionary indices: a bit-width byte, then the RLE/bit-packed hybrid; every index is checked.</summary>
    private Span<int> DecodeIndices(ReadOnlySpan<byte> data, int count)
    {
        if (_dictionaryCount < 0) ParquetThrow.Corrupt($"column '{_column.Name}': dictionary-encoded page without a dictionary page");
        if (count == 0) return [];
        if (data.IsEmpty) ParquetThrow.Corrupt($"column '{_column.Name}': empty dictionary-encoded page");
        var indices = RleRoom(ref _indices, data[1..], data[0], count, "dictionary indices");
        RleBitPackedHybrid.Decode(data[1..], data[0], indices);
        uint limit = (uint)_dictionaryCount;
        foreach (int index in indices)
            if ((uint)index >= limit) ParquetThrow.Corrupt($"column '{_column.Name}': dictionary index {index} out of range 0..{_dictionaryCount - 1}");
        return indices;
    }

    /// <summary>
    /// The first <paramref name="count"/> slots of <paramref name="buffer"/>, for RLE/bit-packed data to decode into.
    /// A claim that would grow the buffer is first checked against the run headers, so no buffer is sized by a count
    /// the data cannot hold; within the buffer's size, the decoder's own bounds checks suffice.
    /// </summary>
    private Span<int> RleRoom(ref int[] buffer, ReadOnlySpan<byte> encoded, int bitWidth, int count, string what)
    {
        if (buffer.Length < count)
        {
            int available = RleBitPackedHybrid.Available(encoded, bitWidth, count);
            if (available < count) ParquetThrow.Corrupt($"column '{_column.Name}': {what} hold {available} values, the page claims {count}");
            buffer = new int[Math.Max(count, buffer.Length * 2)];
        }
        return buffer.AsSpan(0, count);
    }

    /// <summary>Codes of a dictionary-encoded string page go straight to the window's rows.</summary>
    private void PlaceCodes(ReadOnlySpan<int> levels, int take, int windowRow)
    {
        var indices = _indices.AsSpan(_pageDenseDone);
        _codes ??= GC.AllocateUninitializedArray<int>(_rows);
        if (_pageAllValid)
        {
            indices[..take].CopyTo(_codes.AsSpan(windowRow));
            return;
        }
        _validity ??= Validity.AllValid(_rows);
        for (int i = 0, v = 0; i < take; i++)
        {
            if (levels[i] == 1) _codes[windowRow + i] = indices[v++];
            else { _codes[windowRow + i] = 0; Validity.SetNull(_validity, windowRow + i); _nulls++; }
        }
    }

    /// <summary>Strings of the current page (dictionary codes looked up, or decoded values) appended to the builder.</summary>
    private void PlaceStrings(ReadOnlySpan<int> levels, int take)
    {
        var strings = _strings!;
        int v = _pageDenseDone;
        for (int i = 0; i < take; i++)
        {
            if (!_pageAllValid && levels[i] == 0) strings.AppendNull();
            else strings.Append(_pageCodes ? _dictBytes[_indices[v++]] : _bytes[v++]);
        }
    }

    private void Gather(ReadOnlySpan<byte> data, int count)
    {
        if (count == 0) return;
        var indices = DecodeIndices(data, count);
        switch (_dictionary)
        {
            case byte[] d: GatherInto(d, ref _bools, indices); break;
            case int[] d: GatherInto(d, ref _ints, indices); break;
            case long[] d: GatherInto(d, ref _longs, indices); break;
            case float[] d: GatherInto(d, ref _floats, indices); break;
            case double[] d: GatherInto(d, ref _doubles, indices); break;
            case Int128[] d: GatherInto(d, ref _wides, indices); break;
            default:
                _bytes.Clear();
                foreach (int index in indices) _bytes.Add(_dictBytes[index]);
                break;
        }
    }

    private static void GatherInto<T>(T[] dictionary, ref T[] dense, ReadOnlySpan<int> indices)
    {
        if (dense.Length < indices.Length) dense = new T[Math.Max(indices.Length, dense.Length * 2)];
        for (int i = 0; i < indices.Length; i++) dense[i] = dictionary[indices[i]];
    }

    private static T[] Ensure<T>(ref T[] array, int count)
    {
        if (array.Length < count) array = new T[Math.Max(count, array.Length * 2)];
        return array;
    }

    /// <summary>Decodes <paramref name="count"/> non-null values into the dense buffer of the engine storage type.</summary>
    private void DecodeDense(ReadOnlySpan<byte> data, ParquetEncoding encoding, int count)
    {
        var physical = _column.Physical;
        if (encoding == ParquetEncoding.ByteStreamSplit)
        {
            int width = physical switch
            {
                PhysicalType.Float or PhysicalType.Int32 => 4,
                PhysicalType.Double or PhysicalType.Int64 => 8,
                PhysicalType.FixedLenByteArray => _column.Element.TypeLength,
                _ => ParquetThrow.Corrupt<int>($"column '{_column.Name}': BYTE_STREAM_SPLIT on {physical}"),
            };
            if ((long)count * width > data.Length) ParquetThrow.Corrupt($"column '{_column.Name}': BYTE_STREAM_SPLIT page too short");
            var joined = new byte[count * width];
            for (int b = 0; b < width; b++)
                for (int i = 0; i < count; i++) joined[i * width + b] = data[b * count + i];
            DecodeDense(joined, ParquetEncoding.Plain, count);
            return;
        }

        switch (physical)
        {
            case PhysicalType.Boolean:
                if (encoding == ParquetEncoding.Rle)
                {
                    if (data.Length < 4) ParquetThrow.Corrupt($"column '{_column.Name}': RLE boolean page too short");
                    int length = BinaryPrimitives.ReadInt32LittleEndian(data);
                    if (length < 0 || length > data.Length - 4) ParquetThrow.Corrupt($"column '{_column.Name}': RLE length {length} exceeds the page");
                    var tmp = RleRoom(ref _indices, data.Slice(4, length), 1, count, "RLE booleans");
                    RleBitPackedHybrid.Decode(data.Slice(4, length), 1, tmp);
                    Ensure(ref _bools, count); // sized after the decode proved the count
                    for (int i = 0; i < count; i++) _bools[i] = (byte)tmp[i];
                }
                else
                {
                    RequirePlain(encoding);
                    if ((count + 7) / 8 > data.Length) ParquetThrow.Corrupt($"column '{_column.Name}': boolean page too short");
                    Ensure(ref _bools, count);
                    for (int i = 0; i < count; i++) _bools[i] = (byte)((data[i >> 3] >> (i & 7)) & 1);
                }
                return;
            case PhysicalType.Int32:
            {
                if (encoding == ParquetEncoding.DeltaBinaryPacked) DeltaInto(data, count);
                else
                {
                    RequirePlain(encoding);
                    if ((long)count * 4 > data.Length) ParquetThrow.Corrupt($"column '{_column.Name}': page holds fewer than {count} INT32 values");
                    MemoryMarshal.Cast<byte, int>(data[..(count * 4)]).CopyTo(Ensure(ref _ints, count));
                }
                ConvertInts(count);
                return;
            }
            case PhysicalType.Int64:
            {
                if (encoding == ParquetEncoding.DeltaBinaryPacked)
                {
                    DeltaBinaryPacked.Measure(data, count); // the stream holds exactly count values: only then size by it
                    DeltaBinaryPacked.Decode(data, Ensure(ref _longs, count).AsSpan(0, count), out _);
                }
                else
                {
                    RequirePlain(encoding);
                    if ((long)count * 8 > data.Length) ParquetThrow.Corrupt($"column '{_column.Name}': page holds fewer than {count} INT64 values");
                    MemoryMarshal.Cast<byte, long>(data[..(count * 8)]).CopyTo(Ensure(ref _longs, count));
                }
                ConvertLongs(count);
                return;
            }
            case PhysicalType.Int96:
            {
                RequirePlain(encoding);
                if ((long)count * 12 > data.Length) ParquetThrow.Corrupt($"column '{_column.Name}': page holds fewer than {count} INT96 values");
                var longs = Ensure(ref _longs, count);
                for (int i = 0; i < count; i++)
                {
                    long nanosOfDay = BinaryPrimitives.ReadInt64LittleEndian(data.Slice(i * 12, 8));
                    int julianDay = BinaryPrimitives.ReadInt32LittleEndian(data.Slice(i * 12 + 8, 4));
                    longs[i] = (julianDay - 2_440_588L) * TemporalConstants.MicrosPerDay + nanosOfDay / 1000;
                }
                return;
            }
            case PhysicalType.Float:
                RequirePlain(encoding);
                if ((long)count * 4 > data.Length) ParquetThrow.Corrupt($"column '{_column.Name}': page holds fewer than {count} FLOAT values");
                MemoryMarshal.Cast<byte, float>(data[..(count * 4)]).CopyTo(Ensure(ref _floats, count));
                return;
            case PhysicalType.Double:
                RequirePlain(encoding);
                if ((long)count * 8 > data.Length) ParquetThrow.Corrupt($"column '{_column.Name}': page holds fewer than {count} DOUBLE values");
                MemoryMarshal.Cast<byte, double>(data[..(count * 8)]).CopyTo(Ensure(ref _doubles, count));
                return;
            default:
                _bytes.Clear();
                switch (encoding)
                {
                    case ParquetEncoding.Plain when physical == PhysicalType.FixedLenByteArray:
                        ByteArrayDecoders.Fixed(data, count, _column.Element.TypeLength, _bytes);
                        break;
                    case ParquetEncoding.Plain: ByteArrayDecoders.Plain(data, count, _bytes); break;
                    case ParquetEncoding.DeltaLengthByteArray: ByteArrayDecoders.DeltaLength(data, count, _bytes); break;
                    case ParquetEncoding.DeltaByteArray: ByteArrayDecoders.Delta(data, count, _bytes); break;
                    default: Unsupported(encoding); break;
                }
                if (_column.Conversion == ValueConversion.BigEndianDecimal) ConvertBigEndianDecimals(count);
                return;
        }
    }

    private void DeltaInto(ReadOnlySpan<byte> data, int count)
    {
        DeltaBinaryPacked.Measure(data, count); // the stream holds exactly count values: only then size by it
        var longs = Ensure(ref _longs, count).AsSpan(0, count);
        DeltaBinaryPacked.Decode(data, longs, out _);
        var ints = Ensure(ref _ints, count).AsSpan(0, count);
        for (int i = 0; i < ints.Length; i++) ints[i] = unchecked((int)longs[i]);
    }

    private void RequirePlain(ParquetEncoding encoding)
    {
        if (encoding != ParquetEncoding.Plain) Unsupported(encoding);
    }

    private void Unsupported(ParquetEncoding encoding)
    {
        if (!Enum.IsDefined(encoding)) ParquetThrow.Corrupt($"column '{_column.Name}': unknown encoding {(int)encoding}");
        ParquetThrow.NotSupported($"column '{_column.Name}': encoding {encoding} is not supported for {_column.Physical}");
    }

    /// <summary>INT32 values into the engine storage: int as is, int64 for decimals and unsigned, Int128 for wide decimals.</summary>
    private void ConvertInts(int count)
    {
        if (_storage == TypeKind.Int64)
        {
            var longs = Ensure(ref _longs, count);
            for (int i = 0; i < count; i++) longs[i] = _column.Conversion == ValueConversion.UInt32 ? (uint)_ints[i] : _ints[i];
        }
        else if (_storage == TypeKind.Decimal)
        {
            var wides = Ensure(ref _wides, count);
            for (int i = 0; i < count; i++) wides[i] = _ints[i];
        }
    }

    private void ConvertLongs(int count)
    {
        var longs = _longs;
        switch (_column.Conversion)
        {
            case ValueConversion.Millis:
                for (int i = 0; i < count; i++) longs[i] = unchecked(longs[i] * 1000);
                break;
            case ValueConversion.Nanos:
                for (int i = 0; i < count; i++) longs[i] = longs[i] / 1000 - (longs[i] % 1000 < 0 ? 1 : 0);
                break;
            case ValueConversion.UInt64:
            {
                var wides = Ensure(ref _wides, count);
                for (int i = 0; i < count; i++) wides[i] = (ulong)longs[i];
                return;
            }
        }
        if (_storage == TypeKind.Decimal)
        {
            var wides = Ensure(ref _wides, count);
            for (int i = 0; i < count; i++) wides[i] = longs[i];
        }
    }

    private void ConvertBigEndianDecimals(int count)
    {
        bool wide = _storage == TypeKind.Decimal;
        if (wide) Ensure(ref _wides, count); else Ensure(ref _longs, count);
        for (int i = 0; i < count; i++)
        {
            var bytes = _bytes[i];
            if (bytes.Length > 16) ParquetThrow.Corrupt($"column '{_column.Name}': a decimal of {bytes.Length} bytes does not fit 128 bits");
            Int128 value = bytes.Length > 0 && (bytes[0] & 0x80) != 0 ? -1 : 0;
            foreach (byte b in bytes) value = (value << 8) | b;
            if (wide) _wides[i] = value;
            else
            {
                if (value > long.MaxValue || value < long.MinValue) ParquetThrow.Corrupt($"column '{_column.Name}': decimal value exceeds its precision {_column.ValueType.Precision}");
                _longs[i] = (long)value;
            }
        }
    }

    private void Allocate(int rows)
    {
        _validity = null;
        _nulls = 0;
        _strings = null;
        _codes = null;
        _rows = rows;
        // Uninitialized: every valid slot is written, and null slots may hold anything (Arrow's rule).
        switch (_storage)
        {
            case TypeKind.Boolean: _out = GC.AllocateUninitializedArray<byte>(rows); break;
            case TypeKind.Int32: _out = GC.AllocateUninitializedArray<int>(rows); break;
            case TypeKind.Int64: _out = GC.AllocateUninitializedArray<long>(rows); break;
            case TypeKind.Float32: _out = GC.AllocateUninitializedArray<float>(rows); break;
            case TypeKind.Float64: _out = GC.AllocateUninitializedArray<double>(rows); break;
            case TypeKind.Decimal: _out = GC.AllocateUninitializedArray<Int128>(rows); break;
            default: _out = Array.Empty<int>(); break; // strings: codes or a builder, chosen by the first data page
        }
    }

    private bool IsByteArrayOutput => _storage is TypeKind.String or TypeKind.Binary;

    /// <summary>Leaves dictionary-code mode: the rows decoded so far become strings in a builder.</summary>
    private void MaterializeCodes(int rowsSoFar)
    {
        _strings = new StringVectorBuilder(_column.ValueType, _rows, Math.Max(64, _rows * 8));
        if (_codes is null) return;
        for (int r = 0; r < rowsSoFar; r++)
        {
            if (_validity is not null && !Validity.IsValid(_validity, r)) _strings.AppendNull();
            else _strings.Append(_dictBytes[_codes[r]]);
        }
        _codes = null;
    }

    /// <summary>Places the page's next dense values at the window's rows, marking the rows whose level says null.</summary>
    private void Scatter(ReadOnlySpan<int> levels, int take, int windowRow)
    {
        if (!_pageAllValid)
        {
            _validity ??= Validity.AllValid(_out.Length);
            for (int i = 0; i < take; i++)
                if (levels[i] == 0) { Validity.SetNull(_validity, windowRow + i); _nulls++; }
        }
        int from = _pageDenseDone;
        if (_pageGathers)
        {
            var indices = _indices.AsSpan(from);
            switch (_out)
            {
                case byte[] o: Gather((byte[])_dictionary!, indices, o, levels, take, windowRow, _pageAllValid); break;
                case int[] o: Gather((int[])_dictionary!, indices, o, levels, take, windowRow, _pageAllValid); break;
                case long[] o: Gather((long[])_dictionary!, indices, o, levels, take, windowRow, _pageAllValid); break;
                case float[] o: Gather((float[])_dictionary!, indices, o, levels, take, windowRow, _pageAllValid); break;
                case double[] o: Gather((double[])_dictionary!, indices, o, levels, take, windowRow, _pageAllValid); break;
                case Int128[] o: Gather((Int128[])_dictionary!, indices, o, levels, take, windowRow, _pageAllValid); break;
            }
            return;
        }
        switch (_out)
        {
            case byte[] o: Place<byte>(_bools, from, o, levels, take, windowRow, _pageAllValid); break;
            case int[] o: Place(Dense(_ints), from, o, levels, take, windowRow, _pageAllValid); break;
            case long[] o: Place(Dense(_longs), from, o, levels, take, windowRow, _pageAllValid); break;
            case float[] o: Place(Dense(_floats), from, o, levels, take, windowRow, _pageAllValid); break;
            case double[] o: Place(Dense(_doubles), from, o, levels, take, windowRow, _pageAllValid); break;
            case Int128[] o: Place<Int128>(_wides, from, o, levels, take, windowRow, _pageAllValid); break;
        }
    }

    /// <summary>Dictionary values by index straight into the window (no intermediate dense buffer).</summary>
    private static void Gather<T>(T[] dictionary, ReadOnlySpan<int> indices, T[] output, ReadOnlySpan<int> levels, int count, int windowRow, bool allValid)
    {
        var target = output.AsSpan(windowRow, count);
        if (allValid)
        {
            for (int i = 0; i < target.Length; i++) target[i] = dictionary[indices[i]];
            return;
        }
        for (int i = 0, v = 0; i < target.Length; i++)
            if (levels[i] == 1) target[i] = dictionary[indices[v++]];
    }

    private static void Place<T>(ReadOnlySpan<T> dense, int from, T[] output, ReadOnlySpan<int> levels, int count, int windowRow, bool allValid)
    {
        if (allValid)
        {
            dense.Slice(from, count).CopyTo(output.AsSpan(windowRow));
            return;
        }
        for (int i = 0, v = from; i < count; i++)
            if (levels[i] == 1) output[windowRow + i] = dense[v++];
    }

    private ColumnVector Build(int rows)
    {
        // Strings keep their validity in the builder (or, as codes, in the bitmap built here).
        if (IsByteArrayOutput && _strings is null)
        {
            if (_codes is null) MaterializeCodes(0); // no data page at all: an empty column
            else
            {
                if (_dictionaryStrings is null)
                {
                    // One dictionary vector per chunk, shared by its windows (vectors are immutable).
                    var dictionary = new StringVectorBuilder(_column.ValueType, _dictBytes.Count);
                    for (int i = 0; i < _dictBytes.Count; i++) dictionary.Append(_dictBytes[i]);
                    _dictionaryStrings = dictionary.Build();
                }
                return new DictionaryVector(_dictionaryStrings, _codes, rows, _nulls > 0 ? _validity : null, _nulls);
            }
        }
        if (_strings is not null) return _strings.Build();
        byte[]? validity = _nulls > 0 ? _validity : null;
        return _out switch
        {
            byte[] o => new PrimitiveVector<byte>(_column.ValueType, o, rows, validity, _nulls),
            int[] o => new PrimitiveVector<int>(_column.ValueType, o, rows, validity, _nulls),
            long[] o => new PrimitiveVector<long>(_column.ValueType, o, rows, validity, _nulls),
            float[] o => new PrimitiveVector<float>(_column.ValueType, o, rows, validity, _nulls),
            double[] o => new PrimitiveVector<double>(_column.ValueType, o, rows, validity, _nulls),
            Int128[] o => new PrimitiveVector<Int128>(_column.ValueType, o, rows, validity, _nulls),
            _ => throw new InvalidOperationException("unreachable"),
        };
    }
}
