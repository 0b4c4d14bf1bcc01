using System.Buffers.Binary;
using Kindling.Formats.Parquet.Compression;
using Kindling.Formats.Parquet.Encodings;
using Kindling.Formats.Parquet.Metadata;
using Kindling.Formats.Parquet.Thrift;
using Kindling.Kernels.Selection;
using Kindling.Vectors;

namespace Kindling.Formats.Parquet.Writer;

/// <summary>
/// Writes one column of one row group: collects definition levels and raw values from the row group's
/// vectors, tries a dictionary (falling back to PLAIN past the limit), splits into pages, compresses,
/// and returns the chunk's metadata with statistics. Reused across row groups of one column. An array column
/// is the leaf of a 3-level LIST: one level entry per element (or per null or empty array), with repetition
/// levels marking where rows start, and pages that end on row boundaries.
/// </summary>
internal sealed class ColumnChunkWriter
{
    private readonly Field _field;
    private readonly SchemaElement[] _schemaElements;
    private readonly SchemaElement _element; // the leaf
    private readonly bool _repeated; // an array column: level entries are elements, rows start at repetition level 0
    private readonly int _maxDefinition; // 0 for a required scalar, 1 for an optional one; 2 or 3 for a LIST
    private readonly ParquetWriteOptions _options;
    private readonly ICompressionCodec _codec;
    private readonly RawValues _values;
    private readonly ByteBuffer _page = new(1 << 16);
    private readonly ByteBuffer _levels = new(1 << 12);
    private readonly ByteBuffer _repetition = new(1 << 12);
    private readonly ByteBuffer _joined = new(1 << 16);
    private readonly ThriftCompactWriter _header = new();
    private byte[] _compressed = ScratchArrays.Rent<byte>(1 << 16);
    private int[] _defLevels = ScratchArrays.Rent<int>(1024);
    private int[] _repLevels = [];
    private int[] _elementLevels = [];
    private int[] _indices = ScratchArrays.Rent<int>(1024);
    private ByteDictionary? _dictionary; // reused across this column's chunks
    // Values that came from dictionary-encoded vectors: per value, its code shifted into one code space for the
    // row group's dictionaries (-1 for other values), so the chunk's dictionary hashes each distinct entry once.
    private int[] _valueCodes = ScratchArrays.Rent<int>(1024);
    private int _codeSpace;
    private bool _anyCodes;
    private readonly Dictionary<ColumnVector, int> _codeBases = new(ReferenceEqualityComparer.Instance); // a dictionary's first code

    public ColumnChunkWriter(Field field, ParquetWriteOptions options)
    {
        _field = field;
        _schemaElements = ParquetSchemaMapping.ToElements(field);
        _element = _schemaElements[^1];
        _repeated = field.Type.Kind == TypeKind.Array;
        // An optional column adds a level; a LIST adds two more: its repeated group and its optional element.
        _maxDefinition = (_repeated ? 2 : 0) + (field.Nullable ? 1 : 0);
        _options = options;
        _codec = CompressionCodecs.Get(options.Codec);
        _values = new RawValues(_element.Type switch
        {
            PhysicalType.Boolean => 1,
            PhysicalType.Int32 or PhysicalType.Float => 4,
            PhysicalType.Int64 or PhysicalType.Double => 8,
            PhysicalType.FixedLenByteArray => _element.TypeLength,
            _ => 0,
        });
    }

    /// <summary>The column's schema elements in file order (three for an array's LIST).</summary>
    public IReadOnlyList<SchemaElement> SchemaElements => _schemaElements;

    /// <summary>Whether the leaf may hold nulls (array elements always may).</summary>
    private bool Optional => _element.Repetition == FieldRepetition.Optional;

    /// <summary>Returns the scratch memory to the pool, for good: the writer is not used afterwards.</summary>
    public void Release()
    {
        _values.Release();
        _dictionary?.Release();
        _page.Release();
        _levels.Release();
        _repetition.Release();
        _joined.Release();
        ScratchArrays.Return(ref _compressed);
        ScratchArrays.Return(ref _defLevels);
        ScratchArrays.Return(ref _repLevels);
        ScratchArrays.Return(ref _elementLevels);
        ScratchArrays.Return(ref _indices);
        ScratchArrays.Return(ref _valueCodes);
    }

    /// <summary>Appends the chunk to <paramref name="output"/> and returns its metadata, with offsets relative to the buffer's start.</summary>
    public ColumnMetaData Write(ByteBuffer output, IReadOnlyList<ColumnVector> vectors)
    {
        int entries = _repeated ? CollectLists(vectors) : Collect(vectors);
        long nulls = entries - _values.Count;
        var meta = new ColumnMetaData
        {
            Type = _element.Type!.Value,
            PathInSchema = _repeated ? [_field.Name, ParquetSchemaMapping.ListGroupName, ParquetSchemaMapping.ListElementName] : [_field.Name],
            Codec = _options.Codec,
            NumValues = entries,
            WriteLegacyStatistics = _element.Type != PhysicalType.ByteArray && _element.Type != PhysicalType.FixedLenByteArray,
        };

        ByteDictionary? dictionary = _options.UseDictionary && _element.Type != PhysicalType.Boolean ? BuildDictionary() : null;
        // A dictionary holds every distinct value: the chunk's min and max are among its (fewer) entries.
        meta.Statistics = ComputeStatistics(nulls, dictionary?.Entries ?? _values);
        long start = output.Length;
        long uncompressedTotal = 0;
        if (dictionary is not null)
        {
            meta.DictionaryPageOffset = output.Length;
            _page.Clear();
            EncodePlain(dictionary.Entries, 0, dictionary.Count, _page);
            uncompressedTotal += WritePage(output, PageType.DictionaryPage, dictionary.Count, 0, 0, 0, null, null);
            meta.Encodings = [ParquetEncoding.Plain, ParquetEncoding.RleDictionary, ParquetEncoding.Rle];
        }
        else
        {
            meta.Encodings = [ParquetEncoding.Plain, ParquetEncoding.Rle];
        }

        meta.DataPageOffset = output.Length;
        int entriesPerPage = RowsPerPage(entries, dictionary);
        int valueIndex = 0;
        for (int first = 0; first < entries || (entries == 0 && first == 0);)
        {
            int end = Math.Min(first + entriesPerPage, entries);
            if (_repeated) while (end < entries && _repLevels[end] != 0) end++; // a page holds whole rows
            int pageEntries = end - first, pageValues = pageEntries, pageRows = pageEntries;
            if (_maxDefinition > 0)
            {
                pageValues = 0;
                for (int i = first; i < end; i++) if (_defLevels[i] == _maxDefinition) pageValues++;
            }
            if (_repeated)
            {
                pageRows = 0;
                for (int i = first; i < end; i++) if (_repLevels[i] == 0) pageRows++;
            }

            _levels.Clear();
            if (_maxDefinition > 0) RleBitPackedHybrid.Encode(_defLevels.AsSpan(first, pageEntries), RleBitPackedHybrid.BitWidth(_maxDefinition), _levels);
            _repetition.Clear();
            if (_repeated) RleBitPackedHybrid.Encode(_repLevels.AsSpan(first, pageEntries), 1, _repetition);
            _page.Clear();
            if (dictionary is not null)
            {
                int bitWidth = RleBitPackedHybrid.BitWidth(Math.Max(0, dictionary.Count - 1));
                _page.WriteByte((byte)bitWidth);
                RleBitPackedHybrid.Encode(_indices.AsSpan(valueIndex, pageValues), bitWidth, _page);
            }
            else
            {
                EncodePlain(_values, valueIndex, valueIndex + pageValues, _page);
            }
            var encoding = dictionary is not null ? ParquetEncoding.RleDictionary : ParquetEncoding.Plain;
            uncompressedTotal += WritePage(output, _options.DataPageV2 ? PageType.DataPageV2 : PageType.DataPage,
                pageEntries, pageEntries - pageValues, pageRows, (int)encoding, _maxDefinition > 0 ? _levels : null, _repeated ? _repetition : null);
            valueIndex += pageValues;
            if (entries == 0) break;
            first = end;
        }
        meta.TotalCompressedSize = output.Length - start;
        meta.TotalUncompressedSize = uncompressedTotal;
        return meta;
    }

    private int RowsPerPage(int rows, ByteDictionary? dictionary)
    {
        if (rows == 0) return 1;
        double bytesPerValue = dictionary is not null
            ? Math.Max(0.125, RleBitPackedHybrid.BitWidth(Math.Max(1, dictionary.Count - 1)) / 8.0)
            : _values.Count == 0 ? 1 : Math.Max(1.0 / 8, (double)_values.DataLength / _values.Count + (_values.FixedWidth == 0 ? 4 : 0));
        return (int)Math.Clamp(_options.PageBytes / bytesPerValue, 1024, 1 << 20);
    }

    /// <summary>
    /// Writes the page in <see cref="_page"/> (values) after its repetition and definition levels, when it has them;
    /// returns its uncompressed size including header.
    /// </summary>
    private long WritePage(ByteBuffer output, PageType type, int numValues, int numNulls, int numRows, int encoding, ByteBuffer? levels, ByteBuffer? repetition)
    {
        var header = new PageHeader { Type = type, NumValues = numValues, Encoding = (ParquetEncoding)encoding, NumNulls = numNulls, NumRows = numRows };
        ReadOnlySpan<byte> body;
        int uncompressed;
        if (type == PageType.DataPageV2)
        {
            // v2: repetition then definition levels stay uncompressed in front of the (compressed) values.
            int repetitionBytes = repetition?.Length ?? 0, definitionBytes = levels?.Length ?? 0;
            ReadOnlySpan<byte> prefix = levels is null ? [] : levels.Written;
            if (repetition is not null)
            {
                _joined.Clear();
                _joined.Write(repetition.Written);
                _joined.Write(prefix);
                prefix = _joined.Written;
            }
            int levelBytes = repetitionBytes + definitionBytes;
            int compressed = Compress(_page.Written, levelBytes, prefix);
            header.RepetitionLevelsByteLength = repetitionBytes;
            header.DefinitionLevelsByteLength = definitionBytes;
            header.UncompressedSize = levelBytes + _page.Length;
            header.CompressedSize = compressed;
            header.IsCompressed = _options.Codec != CompressionCodec.Uncompressed;
            body = _compressed.AsSpan(0, compressed);
            uncompressed = header.UncompressedSize;
        }
        else
        {
            ReadOnlySpan<byte> plainBody = _page.Written;
            if (levels is not null)
            {
                // v1: each level run behind a 4-byte length (repetition first), then the values; all compressed together.
                var joined = _joined;
                joined.Clear();
                if (repetition is not null)
                {
                    joined.WriteInt32(repetition.Length);
                    joined.Write(repetition.Written);
                }
                joined.WriteInt32(levels.Length);
                joined.Write(levels.Written);
                joined.Write(_page.Written);
                plainBody = joined.Written;
            }
            int compressed = Compress(plainBody, 0, []);
            header.UncompressedSize = plainBody.Length;
            header.CompressedSize = compressed;
            body = _compressed.AsSpan(0, compressed);
            uncompressed = plainBody.Length;
        }
        header.Write(_header);
        output.Write(_header.Written);
        output.Write(body);
        return _header.Written.Length + uncompressed;
    }

    /// <summary>Compresses <paramref name="data"/> into <see cref="_compressed"/> after <paramref name="prefix"/> bytes copied verbatim.</summary>
    private int Compress(ReadOnlySpan<byte> data, int prefixLength, ReadOnlySpan<byte> prefix)
    {
        int max = prefixLength + _codec.MaxCompressedLength(data.Length);
        ScratchArrays.Grow(ref _compressed, max, 0);
        prefix.CopyTo(_compressed);
        return prefixLength + _codec.Compress(data, _compressed.AsSpan(prefixLength));
    }

    private const int SampleForDictionary = 1 << 15;

    private ByteDictionary? BuildDictionary()
    {
        var dictionary = _dictionary ??= new ByteDictionary(_values.FixedWidth, _options.DictionaryLimitBytes);
        dictionary.Reset();
        ScratchArrays.Grow(ref _indices, _values.Count, 0);
        int width = _values.FixedWidth;
        ReadOnlySpan<byte> data = _values.Data;
        int[]? memo = _anyCodes ? new int[_codeSpace] : null; // code -> index + 1
        for (int i = 0; i < _values.Count; i++)
        {
            int code = memo is null ? -1 : _valueCodes[i];
            int index = code >= 0 && memo![code] > 0 ? memo[code] - 1
                : width == 8 ? dictionary.IndexOfWord(BinaryPrimitives.ReadUInt64LittleEndian(data[(i * 8)..]), data.Slice(i * 8, 8))
                : width == 4 ? dictionary.IndexOfWord(BinaryPrimitives.ReadUInt32LittleEndian(data[(i * 4)..]), data.Slice(i * 4, 4))
                : dictionary.IndexOf(_values[i]);
            if (code >= 0 && index >= 0) memo![code] = index + 1;
            if (index < 0) return null; // past the limit: the whole chunk falls back to PLAIN
            _indices[i] = index;
            // Mostly distinct values after a fair sample: a dictionary would not pay for itself.
            if (i == SampleForDictionary && dictionary.Count > SampleForDictionary / 2) return null;
        }
        // A dictionary that saves nothing is not worth its page.
        return dictionary.Count > 0 && dictionary.Count * 2 <= _values.Count + 1 ? dictionary : null;
    }

    private void EncodePlain(RawValues values, int from, int to, ByteBuffer output)
    {
        if (_element.Type == PhysicalType.Boolean)
        {
            int count = to - from;
            var bits = output.GetSpan((count + 7) / 8);
            bits.Clear();
            for (int i = 0; i < count; i++) if (values[from + i][0] != 0) bits[i >> 3] |= (byte)(1 << (i & 7));
            output.Advance((count + 7) / 8);
        }
        else if (values.FixedWidth > 0)
        {
            var (start, length) = values.Range(from, to);
            output.Write(values.Data.Slice(start, length));
        }
        else
        {
            for (int i = from; i < to; i++)
            {
                var v = values[i];
                output.WriteInt32(v.Length);
                output.Write(v);
            }
        }
    }

    private Statistics ComputeStatistics(long nulls, RawValues values)
    {
        var stats = new Statistics { NullCount = nulls };
        if (values.Count == 0) return stats;
        var type = _element.Type!.Value;
        var data = values.Data;
        switch (type)
        {
            case PhysicalType.Int32: SetMinMax(stats, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(data)); break;
            case PhysicalType.Int64: SetMinMax(stats, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(data)); break;
            default:
            {
                int min = -1, max = -1;
                bool isDecimal = _field.Type.Kind == TypeKind.Decimal;
                for (int i = 0; i < values.Count; i++)
                {
                    var v = values[i];
                    if (ValueOrder.IsNaN(type, v)) continue;
                    if (min < 0 || ValueOrder.Compare(type, isDecimal, v, values[min]) < 0) min = i;
                    if (max < 0 || ValueOrder.Compare(type, isDecimal, v, values[max]) > 0) max = i;
                }
                if (min >= 0)
                {
                    stats.MinValue = values[min].ToArray();
                    stats.MaxValue = values[max].ToArray();
                    // -0.0 and +0.0 compare equal; the specification asks for -0.0 as min and +0.0 as max.
                    NormalizeZero(type, stats);
                }
                break;
            }
        }
        return stats;
    }

    private static void SetMinMax<T>(Statistics stats, ReadOnlySpan<T> values) where T : unmanaged, IComparable<T>
    {
        T min = values[0], max = values[0];
        foreach (var v in values)
        {
            if (v.CompareTo(min) < 0) min = v;
            if (v.CompareTo(max) > 0) max = v;
        }
        stats.MinValue = System.Runtime.InteropServices.MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in min)).ToArray();
        stats.MaxValue = System.Runtime.InteropServices.MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in max)).ToArray();
    }

    private static void NormalizeZero(PhysicalType type, Statistics stats)
    {
        if (type == PhysicalType.Double)
        {
            if (BinaryPrimitives.ReadDoubleLittleEndian(stats.MinValue) == 0) BinaryPrimitives.WriteDoubleLittleEndian(stats.MinValue, -0.0);
            if (BinaryPrimitives.ReadDoubleLittleEndian(stats.MaxValue) == 0) BinaryPrimitives.WriteDoubleLittleEndian(stats.MaxValue, 0.0);
        }
        else if (type == PhysicalType.Float)
        {
            if (BinaryPrimitives.ReadSingleLittleEndian(stats.MinValue) == 0) BinaryPrimitives.WriteSingleLittleEndian(stats.MinValue, -0.0f);
            if (BinaryPrimitives.ReadSingleLittleEndian(stats.MaxValue) == 0) BinaryPrimitives.WriteSingleLittleEndian(stats.MaxValue, 0.0f);
        }
    }

    /// <summary>Fills the definition levels and raw values from the row group's vectors; returns the row count.</summary>
    private int Collect(IReadOnlyList<ColumnVector> vectors)
    {
        StartChunk();
        int rows = 0;
        foreach (var v in vectors) rows += v.Length;
        ScratchArrays.Grow(ref _defLevels, rows, 0);
        int row = 0;
        foreach (var vector in vectors)
        {
            AppendVector(vector, _defLevels.AsSpan(row, vector.Length));
            row += vector.Length;
        }
        return rows;
    }

    private void StartChunk()
    {
        _values.Clear();
        _codeSpace = 0;
        _anyCodes = false;
        _codeBases.Clear();
    }

    /// <summary>
    /// An array column's level entries: a null array is one entry at definition 0, an empty one one entry at
    /// max - 2, an element one entry at max (a value) or max - 1 (a null element); repetition 0 starts a row.
    /// The elements' values go in as a scalar column's would. Returns the entry count.
    /// </summary>
    private int CollectLists(IReadOnlyList<ColumnVector> vectors)
    {
        StartChunk();
        var lists = new ListVector[vectors.Count];
        int entries = 0;
        for (int v = 0; v < lists.Length; v++)
        {
            lists[v] = (ListVector)VectorConcat.Decode(vectors[v]);
            if (lists[v].HasNulls && _maxDefinition < 3)
                throw new InvalidOperationException($"column '{_field.Name}' is declared not nullable but holds {lists[v].NullCount} null arrays");
            for (int r = 0; r < lists[v].Length; r++) entries += Math.Max(1, lists[v].CountAt(r));
        }
        ScratchArrays.Grow(ref _defLevels, entries, 0);
        ScratchArrays.Grow(ref _repLevels, entries, 0);
        int entry = 0;
        foreach (var list in lists)
        {
            var elements = ElementsInRowOrder(list);
            ScratchArrays.Grow(ref _elementLevels, elements.Length, 0);
            AppendVector(elements, _elementLevels.AsSpan(0, elements.Length));
            int element = 0;
            for (int r = 0; r < list.Length; r++)
            {
                int count = list.CountAt(r);
                if (list.IsNull(r) || count == 0)
                {
                    _repLevels[entry] = 0;
                    _defLevels[entry++] = list.IsNull(r) ? 0 : _maxDefinition - 2;
                    continue;
                }
                for (int k = 0; k < count; k++, element++)
                {
                    _repLevels[entry] = k == 0 ? 0 : 1;
                    _defLevels[entry++] = _elementLevels[element] == 1 ? _maxDefinition : _maxDefinition - 1;
                }
            }
        }
        return entries;
    }

    /// <summary>The elements of the non-null rows, back to back: the child itself when it is laid out so already.</summary>
    private static ColumnVector ElementsInRowOrder(ListVector list)
    {
        ReadOnlySpan<int> offsets = list.Offsets;
        bool contiguous = offsets[0] == 0 && offsets[list.Length] == list.Elements.Length;
        for (int r = 0; contiguous && r < list.Length; r++) contiguous = list.IsValid(r) || list.CountAt(r) == 0;
        if (contiguous) return list.Elements;
        var rows = new List<int>();
        for (int r = 0; r < list.Length; r++)
            if (list.IsValid(r))
                for (int e = offsets[r]; e < offsets[r + 1]; e++) rows.Add(e);
        return VectorTake.Take(list.Elements, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows));
    }

    /// <summary>Appends one vector's values and sets its definition levels (1 for a value, 0 for null).</summary>
    private void AppendVector(ColumnVector original, Span<int> levels)
    {
        if (original is DictionaryVector { Dictionary: StringVector } d && _values.FixedWidth == 0)
        {
            AppendCodes(d, levels);
            return;
        }
        var vector = original is DictionaryVector dv ? Materialize(dv) : original;
        if (_anyCodes) MarkNoCodes(_values.Count, vector.Length);
        if (!Optional && vector.HasNulls)
            throw new InvalidOperationException($"column '{_field.Name}' is declared not nullable but holds {vector.NullCount} nulls");
        if (!vector.HasNulls)
        {
            levels.Fill(1);
            if (!TryAppendBulk(vector))
                for (int i = 0; i < vector.Length; i++) AppendValue(vector, i);
        }
        else if (!TryAppendValid(vector, levels))
        {
            for (int i = 0; i < vector.Length; i++)
            {
                bool valid = vector.IsValid(i);
                levels[i] = valid ? 1 : 0;
                if (valid) AppendValue(vector, i);
            }
        }
    }

    /// <summary>Copies a null-free vector whose memory already is the PLAIN layout (or strings' offsets + bytes) in one go.</summary>
    private bool TryAppendBulk(ColumnVector vector)
    {
        switch (vector)
        {
            case StringVector v when _values.FixedWidth == 0: _values.AddVariable(v.RawBytes, v.Offsets); return true;
            case PrimitiveVector<int> v: _values.AddFixed(System.Runtime.InteropServices.MemoryMarshal.AsBytes(v.Values)); return true;
            case PrimitiveVector<float> v: _values.AddFixed(System.Runtime.InteropServices.MemoryMarshal.AsBytes(v.Values)); return true;
            case PrimitiveVector<double> v: _values.AddFixed(System.Runtime.InteropServices.MemoryMarshal.AsBytes(v.Values)); return true;
            case PrimitiveVector<byte> v: _values.AddFixed(v.Values); return true;
            case PrimitiveVector<long> v when _element.Type == PhysicalType.Int64: _values.AddFixed(System.Runtime.InteropServices.MemoryMarshal.AsBytes(v.Values)); return true;
            default: return false;
        }
    }

    /// <summary>
    /// A dictionary-encoded string vector's values go in straight from its dictionary (no materialized copy),
    /// each remembering its code so the chunk's dictionary looks every distinct entry up only once.
    /// </summary>
    private void AppendCodes(DictionaryVector vector, Span<int> levels)
    {
        if (!Optional && vector.HasNulls)
            throw new InvalidOperationException($"column '{_field.Name}' is declared not nullable but holds {vector.NullCount} nulls");
        if (!_anyCodes)
        {
            MarkNoCodes(0, _values.Count);
            _anyCodes = true;
        }
        var dictionary = (StringVector)vector.Dictionary;
        // Batches of one Parquet column chunk share their dictionary: its codes share one range.
        if (!_codeBases.TryGetValue(dictionary, out int codeBase))
        {
            _codeBases[dictionary] = codeBase = _codeSpace;
            _codeSpace += dictionary.Length;
        }
        ReadOnlySpan<int> codes = vector.Indices;
        int first = _values.Count;
        ScratchArrays.Grow(ref _valueCodes, first + vector.Length, first);
        for (int i = 0; i < codes.Length; i++)
        {
            bool valid = !vector.IsNull(i);
            levels[i] = valid ? 1 : 0;
            if (!valid) continue;
            var bytes = dictionary.GetBytes(codes[i]);
            _valueCodes[_values.Count] = codeBase + codes[i];
            bytes.CopyTo(_values.Add(bytes.Length));
        }
    }

    /// <summary>Values [from, from + count) did not come from a dictionary.</summary>
    private void MarkNoCodes(int from, int count)
    {
        ScratchArrays.Grow(ref _valueCodes, from + count, from);
        _valueCodes.AsSpan(from, count).Fill(-1);
    }

    /// <summary>The valid values of a vector with nulls whose memory is the PLAIN layout, copied without a per-value type switch.</summary>
    private bool TryAppendValid(ColumnVector vector, Span<int> levels)
    {
        switch (vector)
        {
            case PrimitiveVector<int> v: AppendValid(v, levels); return true;
            case PrimitiveVector<float> v: AppendValid(v, levels); return true;
            case PrimitiveVector<double> v: AppendValid(v, levels); return true;
            case PrimitiveVector<long> v when _element.Type == PhysicalType.Int64: AppendValid(v, levels); return true;
            default: return false;
        }
    }

    private void AppendValid<T>(PrimitiveVector<T> vector, Span<int> levels) where T : unmanaged
    {
        ReadOnlySpan<T> values = vector.Values;
        byte[] bits = vector.ValidityBits!;
        var target = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(_values.AddFixed(vector.Length - vector.NullCount));
        int n = 0;
        for (int i = 0; i < values.Length; i++)
        {
            bool valid = Validity.IsValid(bits, i);
            levels[i] = valid ? 1 : 0;
            if (valid) target[n++] = values[i];
        }
    }

    private static ColumnVector Materialize(DictionaryVector d)
    {
        var indices = new int[d.Length];
        for (int i = 0; i < d.Length; i++) indices[i] = d.IsNull(i) ? -1 : d.Indices[i];
        return VectorTake.Take(d.Dictionary, indices);
    }

    private void AppendValue(ColumnVector vector, int i)
    {
        switch (vector)
        {
            case PrimitiveVector<byte> b: _values.Add(1)[0] = b[i]; break;
            case PrimitiveVector<int> v: BinaryPrimitives.WriteInt32LittleEndian(_values.Add(4), v[i]); break;
            case PrimitiveVector<float> v: BinaryPrimitives.WriteSingleLittleEndian(_values.Add(4), v[i]); break;
            case PrimitiveVector<double> v: BinaryPrimitives.WriteDoubleLittleEndian(_values.Add(8), v[i]); break;
            case PrimitiveVector<long> v when _element.Type == PhysicalType.Int32: BinaryPrimitives.WriteInt32LittleEndian(_values.Add(4), checked((int)v[i])); break;
            case PrimitiveVector<long> v when _element.Type == PhysicalType.FixedLenByteArray: WriteBigEndian(v[i], _values.Add(_values.FixedWidth)); break;
            case PrimitiveVector<long> v: BinaryPrimitives.WriteInt64LittleEndian(_values.Add(8), v[i]); break;
            case PrimitiveVector<Int128> v: WriteBigEndian(v[i], _values.Add(_values.FixedWidth)); break;
            case StringVector s:
            {
                var bytes = s.GetBytes(i);
                bytes.CopyTo(_values.Add(bytes.Length));
                break;
            }
            default: throw new NotSupportedException($"column '{_field.Name}': cannot write a {vector.GetType().Name} of type {vector.Type}");
        }
    }

    /// <summary>Two's complement, big-endian, sign-extended to the span's width (Parquet's FIXED_LEN_BYTE_ARRAY decimals).</summary>
    private static void WriteBigEndian(Int128 value, Span<byte> destination)
    {
        for (int i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)(value & 0xFF);
            value >>= 8;
        }
    }
}
