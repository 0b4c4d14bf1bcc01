using System.Runtime.InteropServices;
using Kindling.Vectors;

namespace Kindling.Kernels.Hashing;

/// <summary>
/// Serializes the key columns of a batch into fixed-width rows of 64-bit words, so that grouping and
/// joining hash and compare plain words. 32-bit values (int, date, boolean, float bits, string ids) take
/// one word with null encoded as 2^32; 64-bit values take one word (two for wide decimals) with nulls
/// flagged in a trailing null-mask word, present only when such a column is nullable. Strings and
/// dictionary-encoded strings become dense ids through a per-column <see cref="StringInterner"/>
/// (a dictionary is interned once per distinct dictionary vector, then rows map through its codes).
/// Floats are normalized so NaN equals NaN and -0.0 equals 0.0, as Spark groups them.
/// </summary>
internal sealed class GroupKeyEncoder
{
    private const ulong NarrowNull = 1UL << 32;

    private enum Layout : byte { Narrow, Wide, Wide128, Str }

    private readonly Layout[] _layouts;
    private readonly int[] _offsets;
    private readonly int[] _shifts;     // 0, or 32 for the upper half of a shared word
    private readonly bool[] _packed;    // 32-bit keys that share words two by two: non-nullable ones, and nullable strings
    private readonly bool[] _idPlusOne; // a packed nullable string column: the half word holds id + 1, and 0 for null
    private readonly int _maskWord;
    private readonly StringInterner?[] _interners;
    private readonly ColumnVector?[] _lastDictionary;
    private readonly int[]?[] _dictionaryIds;
    private readonly bool[] _dictionaryLookedUp; // the cached ids were looked up, not interned
    private int[] _stringIds = [];

    public GroupKeyEncoder(IReadOnlyList<ColumnType> types, IReadOnlyList<bool> nullable)
    {
        Types = [.. types];
        int n = types.Count;
        _layouts = new Layout[n];
        _offsets = new int[n];
        _shifts = new int[n];
        _packed = new bool[n];
        _idPlusOne = new bool[n];
        _interners = new StringInterner?[n];
        _lastDictionary = new ColumnVector?[n];
        _dictionaryIds = new int[]?[n];
        _dictionaryLookedUp = new bool[n];
        int word = 0, halfWord = -1;
        bool needMask = false;
        for (int c = 0; c < n; c++)
        {
            ColumnType t = types[c];
            _offsets[c] = word;
            switch (t.Kind)
            {
                case TypeKind.Boolean or TypeKind.Int32 or TypeKind.Date or TypeKind.Float32 or TypeKind.Null or TypeKind.String or TypeKind.Binary:
                    _layouts[c] = t.IsVariableWidth ? Layout.Str : Layout.Narrow;
                    if (t.IsVariableWidth) _interners[c] = new StringInterner();
                    // String ids are below 2^31, so a nullable string still fits half a word as id + 1 (0 = null).
                    if (nullable[c] && !t.IsVariableWidth) { word++; break; }
                    _packed[c] = true;
                    _idPlusOne[c] = nullable[c];
                    if (halfWord >= 0) { _offsets[c] = halfWord; _shifts[c] = 32; halfWord = -1; }
                    else { halfWord = word; word++; }
                    break;
                case TypeKind.Decimal when t.IsWideDecimal:
                    _layouts[c] = Layout.Wide128; word += 2; needMask |= nullable[c]; break;
                default:
                    _layouts[c] = Layout.Wide; word++; needMask |= nullable[c]; break;
            }
        }
        _maskWord = needMask ? word++ : -1;
        Width = word;
    }

    public ColumnType[] Types { get; }

    private GroupKeyEncoder(GroupKeyEncoder source)
    {
        Types = source.Types;
        _layouts = source._layouts;
        _offsets = source._offsets;
        _shifts = source._shifts;
        _packed = source._packed;
        _idPlusOne = source._idPlusOne;
        _maskWord = source._maskWord;
        _interners = source._interners;
        Width = source.Width;
        _lastDictionary = new ColumnVector?[_layouts.Length];
        _dictionaryIds = new int[]?[_layouts.Length];
        _dictionaryLookedUp = new bool[_layouts.Length];
    }

    /// <summary>
    /// An encoder sharing this one's interned strings but with its own dictionary cache, so several threads
    /// can encode probe keys (<c>lookupOnly</c>) at once while nobody interns.
    /// </summary>
    public GroupKeyEncoder CloneForLookup() => new(this);

    /// <summary>True when the key is exactly two 32-bit columns packed into one word (low half, high half).</summary>
    public bool IsPackedPair => Width == 1 && _packed.Length == 2 && _packed[0] && _packed[1];

    /// <summary>Words per key row.</summary>
    public int Width { get; }

    /// <summary>The key is one string column: a row's word is its string's dense id (see <see cref="StringId"/>).</summary>
    public bool IsSingleString => _layouts.Length == 1 && _layouts[0] == Layout.Str;

    /// <summary>Distinct strings interned so far by a <see cref="IsSingleString"/> key: its ids are 0 to this - 1, in first-seen order.</summary>
    public int SingleStringCount => _interners[0]!.Count;

    /// <summary>The string id in a <see cref="IsSingleString"/> key's word (of a row whose key is not null).</summary>
    public int StringId(ulong word) => _idPlusOne[0] ? (int)(uint)word - 1 : (int)(uint)word;

    public long MemoryBytes
    {
        get
        {
            long total = 0;
            foreach (var s in _interners) if (s is not null) total += s.MemoryBytes;
            return total;
        }
    }

    /// <summary>
    /// Writes the key words of rows [0, rows) of <paramref name="columns"/> into <paramref name="words"/>.
    /// With <paramref name="lookupOnly"/>, strings are only looked up (join probes); rows with a null key or
    /// an unknown string get <paramref name="invalid"/>[i] = 1 (when the span is non-empty). Without
    /// <paramref name="flagNulls"/> only unknown strings are flagged: null keys encode as usual (a spilling
    /// aggregate, where null is a group like any other).
    /// </summary>
    public void Encode(ReadOnlySpan<ColumnVector> columns, int rows, Span<ulong> words, bool lookupOnly, Span<byte> invalid, bool flagNulls = true)
    {
        int width = Width;
        if (!invalid.IsEmpty) invalid[..rows].Clear();
        words[..(rows * width)].Clear();
        for (int c = 0; c < columns.Length; c++)
        {
            ColumnVector v = columns[c];
            int off = _offsets[c];
            if (_packed[c] && !_idPlusOne[c] && v.HasNulls)
                throw new InvalidOperationException($"key column {c} holds nulls but its field is declared not nullable");
            switch (_layouts[c])
            {
                case Layout.Narrow: EncodeNarrow(v, rows, words, off, _shifts[c], width); break;
                case Layout.Wide: EncodeWide(v, rows, words, off, width, c); break;
                case Layout.Wide128: EncodeWide128(v, rows, words, off, width, c); break;
                case Layout.Str: EncodeString(v, c, rows, words, off, _shifts[c], width, lookupOnly, invalid); break;
            }
            if (flagNulls && !invalid.IsEmpty && v.HasNulls)
            {
                byte[] bits = v.ValidityBits!;
                for (int i = 0; i < rows; i++)
                    if (!Validity.IsValid(bits, i)) invalid[i] = 1;
            }
        }
    }

    private static void EncodeNarrow(ColumnVector v, int rows, Span<ulong> words, int off, int shift, int width)
    {
        switch (v)
        {
            case PrimitiveVector<int> p:
            {
                ReadOnlySpan<int> values = p.Values;
                for (int i = 0; i < rows; i++) words[i * width + off] |= (ulong)(uint)values[i] << shift;
                break;
            }
            case PrimitiveVector<byte> p:
            {
                ReadOnlySpan<byte> values = p.Values;
                for (int i = 0; i < rows; i++) words[i * width + off] |= (ulong)values[i] << shift;
                break;
            }
            case PrimitiveVector<float> p:
            {
                ReadOnlySpan<float> values = p.Values;
                for (int i = 0; i < rows; i++) words[i * width + off] |= (ulong)(uint)NormalizeFloat(values[i]) << shift;
                break;
            }
            default: throw new NotSupportedException($"grouping on {v.Type} ({v.GetType().Name}) is not supported");
        }
        if (v.HasNulls) SetNarrowNulls(v.ValidityBits!, rows, words, off, width);
    }

    private static void SetNarrowNulls(byte[] bits, int rows, Span<ulong> words, int off, int width)
    {
        for (int i = 0; i < rows; i++)
            if (!Validity.IsValid(bits, i)) words[i * width + off] = NarrowNull;
    }

    private void EncodeWide(ColumnVector v, int rows, Span<ulong> words, int off, int width, int column)
    {
        switch (v)
        {
            case PrimitiveVector<long> p:
            {
                ReadOnlySpan<long> values = p.Values;
                for (int i = 0; i < rows; i++) words[i * width + off] = (ulong)values[i];
                break;
            }
            case PrimitiveVector<double> p:
            {
                ReadOnlySpan<double> values = p.Values;
                for (int i = 0; i < rows; i++) words[i * width + off] = (ulong)NormalizeDouble(values[i]);
                break;
            }
            default: throw new NotSupportedException($"grouping on {v.Type} ({v.GetType().Name}) is not supported");
        }
        if (v.HasNulls) SetWideNulls(v.ValidityBits!, rows, words, off, 1, width, column);
    }

    private void EncodeWide128(ColumnVector v, int rows, Span<ulong> words, int off, int width, int column)
    {
        ReadOnlySpan<Int128> values = ((PrimitiveVector<Int128>)v).Values;
        for (int i = 0; i < rows; i++)
        {
            words[i * width + off] = (ulong)values[i];
            words[i * width + off + 1] = (ulong)(values[i] >> 64);
        }
        if (v.HasNulls) SetWideNulls(v.ValidityBits!, rows, words, off, 2, width, column);
    }

    private void SetWideNulls(byte[] bits, int rows, Span<ulong> words, int off, int count, int width, int column)
    {
        if (_maskWord < 0) throw new InvalidOperationException($"key column {column} holds nulls but its field is declared not nullable");
        ulong flag = 1UL << (column & 63);
        for (int i = 0; i < rows; i++)
        {
            if (Validity.IsValid(bits, i)) continue;
            for (int k = 0; k < count; k++) words[i * width + off + k] = 0;
            words[i * width + _maskWord] |= flag;
        }
    }

    private void EncodeString(ColumnVector v, int column, int rows, Span<ulong> words, int off, int shift, int width, bool lookupOnly, Span<byte> invalid)
    {
        StringInterner interner = _interners[column]!;
        bool plusOne = _idPlusOne[column]; // nulls stay 0: the words start cleared
        int add = plusOne ? 1 : 0;
        if (v is DictionaryVector d)
        {
            int[] ids = DictionaryIds(d.Dictionary, column, lookupOnly);
            ReadOnlySpan<int> codes = d.Indices;
            byte[]? bits = d.ValidityBits;
            for (int i = 0; i < rows; i++)
            {
                if (bits is not null && !Validity.IsValid(bits, i)) { if (!plusOne) words[i * width + off] = NarrowNull; continue; }
                int id = ids[codes[i]];
                if (id < 0) { invalid[i] = 1; continue; }
                words[i * width + off] |= (ulong)(uint)(id + add) << shift;
            }
            return;
        }
        var s = (StringVector)v;
        byte[]? validity = s.ValidityBits;
        if (_stringIds.Length < rows) _stringIds = new int[rows];
        interner.InternAll(s.Offsets, s.RawBytes, validity, rows, _stringIds, lookupOnly);
        for (int i = 0; i < rows; i++)
        {
            if (validity is not null && !Validity.IsValid(validity, i)) { if (!plusOne) words[i * width + off] = NarrowNull; continue; }
            int id = _stringIds[i];
            if (id < 0) { invalid[i] = 1; continue; }
            words[i * width + off] |= (ulong)(uint)(id + add) << shift;
        }
    }

    private int[] DictionaryIds(ColumnVector dictionary, int column, bool lookupOnly)
    {
        // Ids looked up without interning (-1 for unknown strings) do not serve an interning encode.
        if (ReferenceEquals(_lastDictionary[column], dictionary) && (lookupOnly || !_dictionaryLookedUp[column])) return _dictionaryIds[column]!;
        StringInterner interner = _interners[column]!;
        var s = dictionary as StringVector ?? throw new NotSupportedException($"dictionary of {dictionary.GetType().Name} keys is not supported");
        var ids = new int[s.Length];
        for (int k = 0; k < ids.Length; k++)
            ids[k] = s.IsNull(k) ? -1 : lookupOnly ? interner.Find(s.GetBytes(k)) : interner.Intern(s.GetBytes(k));
        _lastDictionary[column] = dictionary;
        _dictionaryIds[column] = ids;
        _dictionaryLookedUp[column] = lookupOnly;
        return ids;
    }

    /// <summary>
    /// Rewrites key rows produced by <paramref name="other"/> (same key types) so that their string ids are
    /// this encoder's ids, interning strings as needed; used to merge per-thread partial aggregates.
    /// </summary>
    public void Remap(GroupKeyEncoder other, Span<ulong> keys, int rows) => Remap(RemapMaps(other), keys, rows);

    /// <summary>
    /// The keys of <paramref name="table"/>, encoded by <paramref name="source"/>, in this encoder's string ids
    /// (copies, rewritten and rehashed when the encoders differ), with their hashes: how partial tables merge.
    /// </summary>
    public (ulong[] Keys, ulong[] Hashes) KeysOf(GroupHashTable table, GroupKeyEncoder source)
    {
        int groups = table.Count;
        var keys = table.Keys.ToArray();
        var hashes = table.Hashes.ToArray();
        if (ReferenceEquals(source, this)) return (keys, hashes);
        Remap(source, keys, groups);
        KeyHash.HashWords(keys, Width, groups, hashes);
        return (keys, hashes);
    }

    /// <summary>For each string column, <paramref name="other"/>'s id to this encoder's id (interning as needed); null for other columns.</summary>
    public int[]?[] RemapMaps(GroupKeyEncoder other)
    {
        var maps = new int[]?[_layouts.Length];
        for (int c = 0; c < _layouts.Length; c++)
        {
            if (_layouts[c] != Layout.Str) continue;
            StringInterner mine = _interners[c]!, theirs = other._interners[c]!;
            var map = maps[c] = new int[theirs.Count];
            for (int id = 0; id < map.Length; id++) map[id] = mine.Intern(theirs.Get(id));
        }
        return maps;
    }

    /// <summary>Rewrites string ids in key rows through <see cref="RemapMaps"/>'s maps (reads this encoder only, so threads may share it).</summary>
    public void Remap(int[]?[] maps, Span<ulong> keys, int rows)
    {
        for (int c = 0; c < _layouts.Length; c++)
        {
            if (maps[c] is not { } map) continue;
            int off = _offsets[c], shift = _shifts[c];
            if (_packed[c])
            {
                int plusOne = _idPlusOne[c] ? 1 : 0;
                for (int i = 0; i < rows; i++)
                {
                    ulong w = keys[i * Width + off];
                    uint id = (uint)(w >> shift);
                    if (plusOne == 1 && id == 0) continue; // null
                    keys[i * Width + off] = (w & ~(0xFFFF_FFFFUL << shift)) | ((ulong)(uint)(map[(int)id - plusOne] + plusOne) << shift);
                }
                continue;
            }
            for (int i = 0; i < rows; i++)
            {
                ulong w = keys[i * Width + off];
                if (w != NarrowNull) keys[i * Width + off] = (uint)map[(int)w];
            }
        }
    }

    /// <summary>Whether some key column is a string, so key words hold ids private to this encoder.</summary>
    public bool HasStrings => Array.Exists(_layouts, l => l == Layout.Str);

    /// <summary>
    /// Hashes of key rows that do not depend on this encoder's string ids (each id stands for its string's
    /// hash), so encoders of different workers agree on every group's hash, and so on its merge partition.
    /// Without string columns it is the hash of the words.
    /// </summary>
    public void ContentHashes(ReadOnlySpan<ulong> keys, int rows, Span<ulong> hashes, Span<ulong> scratch)
    {
        int width = Width;
        if (!HasStrings)
        {
            KeyHash.HashWords(keys, width, rows, hashes);
            return;
        }
        // The words with every string id cleared, hashed as usual; then each string's own hash folded in.
        Span<ulong> words = scratch[..(rows * width)];
        keys[..(rows * width)].CopyTo(words);
        for (int c = 0; c < _layouts.Length; c++)
        {
            if (_layouts[c] != Layout.Str) continue;
            int off = _offsets[c];
            ulong keep = _packed[c] ? ~(0xFFFF_FFFFUL << _shifts[c]) : 0;
            for (int i = 0; i < rows; i++) words[i * width + off] &= keep;
        }
        KeyHash.HashWords(words, width, rows, hashes);
        for (int c = 0; c < _layouts.Length; c++)
        {
            if (_layouts[c] != Layout.Str) continue;
            StringInterner interner = _interners[c]!;
            int off = _offsets[c], shift = _shifts[c];
            if (_packed[c])
            {
                if (_idPlusOne[c])
                {
                    for (int i = 0; i < rows; i++)
                    {
                        uint idPlusOne = (uint)(keys[i * width + off] >> shift);
                        hashes[i] = KeyHash.Combine(hashes[i], idPlusOne == 0 ? NarrowNull : interner.HashOf((int)idPlusOne - 1));
                    }
                    continue;
                }
                for (int i = 0; i < rows; i++) hashes[i] = KeyHash.Combine(hashes[i], interner.HashOf((int)(uint)(keys[i * width + off] >> shift)));
                continue;
            }
            for (int i = 0; i < rows; i++)
            {
                ulong w = keys[i * width + off];
                hashes[i] = KeyHash.Combine(hashes[i], w == NarrowNull ? NarrowNull : interner.HashOf((int)w));
            }
        }
    }

    /// <summary>Builds key column <paramref name="column"/> for groups [start, start + count) of row-major <paramref name="keys"/>.</summary>
    public ColumnVector Decode(int column, ReadOnlySpan<ulong> keys, int start, int count)
    {
        ColumnType type = Types[column];
        int width = Width, off = _offsets[column], shift = _shifts[column];
        bool packed = _packed[column], plusOne = _idPlusOne[column];
        byte[]? bits = null;
        int nulls = 0;
        // Packed columns are not nullable, except strings held as id + 1 (0 = null); others flag nulls in their
        // word (32-bit) or in the mask word.
        bool narrow = _layouts[column] is Layout.Narrow or Layout.Str;
        if (plusOne)
        {
            for (int i = 0; i < count; i++)
            {
                if ((uint)(keys[(start + i) * width + off] >> shift) != 0) continue;
                bits ??= Validity.AllValid(count);
                Validity.SetNull(bits, i);
                nulls++;
            }
        }
        else if (!packed && (narrow || _maskWord >= 0))
        {
            int at = narrow ? off : _maskWord;
            ulong flag = 1UL << (column & 63);
            for (int i = 0; i < count; i++)
            {
                ulong w = keys[(start + i) * width + at];
                if (narrow ? w != NarrowNull : (w & flag) == 0) continue;
                bits ??= Validity.AllValid(count);
                Validity.SetNull(bits, i);
                nulls++;
            }
        }
        switch (_layouts[column])
        {
            case Layout.Str:
            {
                // Emit dictionary encoded: the interned strings are the dictionary, the ids the codes.
                StringVector dictionary = InternedStrings(column);
                var codes = new int[count];
                for (int i = 0; i < count; i++)
                {
                    ulong w = keys[(start + i) * width + off];
                    codes[i] = !packed && w == NarrowNull ? 0 : plusOne ? Math.Max(0, (int)(uint)(w >> shift) - 1) : (int)(uint)(w >> shift);
                }
                return new DictionaryVector(dictionary, codes, count, bits, nulls);
            }
            case Layout.Wide128:
            {
                var values = new Int128[count];
                for (int i = 0; i < count; i++)
                {
                    int k = (start + i) * width + off;
                    values[i] = (Int128)(((UInt128)keys[k + 1] << 64) | keys[k]);
                }
                return new PrimitiveVector<Int128>(type, values, count, bits, nulls);
            }
        }
        switch (type.Kind)
        {
            case TypeKind.Boolean or TypeKind.Null:
            {
                var values = new byte[count];
                for (int i = 0; i < count; i++) values[i] = (byte)(keys[(start + i) * width + off] >> shift);
                if (type.Kind == TypeKind.Null) return new PrimitiveVector<byte>(type, values, count, new byte[Validity.ByteLength(count)], count);
                return new PrimitiveVector<byte>(type, values, count, bits, nulls);
            }
            case TypeKind.Int32 or TypeKind.Date:
            {
                var values = new int[count];
                for (int i = 0; i < count; i++) values[i] = (int)(uint)(keys[(start + i) * width + off] >> shift);
                return new PrimitiveVector<int>(type, values, count, bits, nulls);
            }
            case TypeKind.Float32:
            {
                var values = new float[count];
                for (int i = 0; i < count; i++) values[i] = BitConverter.Int32BitsToSingle((int)(uint)(keys[(start + i) * width + off] >> shift));
                return new PrimitiveVector<float>(type, values, count, bits, nulls);
            }
            case TypeKind.Float64:
            {
                var values = new double[count];
                for (int i = 0; i < count; i++) values[i] = BitConverter.Int64BitsToDouble((long)keys[(start + i) * width + off]);
                return new PrimitiveVector<double>(type, values, count, bits, nulls);
            }
            default:
            {
                var values = new long[count];
                for (int i = 0; i < count; i++) values[i] = (long)keys[(start + i) * width + off];
                return new PrimitiveVector<long>(type, values, count, bits, nulls);
            }
        }
    }

    private readonly StringVector?[] _dictionaries = new StringVector?[64];

    /// <summary>The strings interned for key column <paramref name="column"/> as one vector (id = row), rebuilt when new strings arrived.</summary>
    private StringVector InternedStrings(int column)
    {
        StringInterner interner = _interners[column]!;
        StringVector? cached = _dictionaries[column];
        if (cached is not null && cached.Length == interner.Count) return cached;
        var b = new StringVectorBuilder(Types[column], Math.Max(1, interner.Count), Math.Max(64, interner.Count * 8));
        for (int id = 0; id < interner.Count; id++) b.Append(interner.Get(id));
        if (interner.Count == 0) b.Append(ReadOnlySpan<byte>.Empty); // codes of null rows point at a valid entry
        cached = b.Build();
        _dictionaries[column] = cached;
        return cached;
    }

    /// <summary>Float bits with NaN canonical and -0.0 folded into 0.0.</summary>
    public static int NormalizeFloat(float f) => float.IsNaN(f) ? 0x7FC00000 : f == 0f ? 0 : BitConverter.SingleToInt32Bits(f);

    /// <summary>Double bits with NaN canonical and -0.0 folded into 0.0.</summary>
    public static long NormalizeDouble(double d) => double.IsNaN(d) ? 0x7FF8000000000000L : d == 0d ? 0L : BitConverter.DoubleToInt64Bits(d);

    internal static ReadOnlySpan<ColumnVector> Select(ColumnBatch batch, int[] columns, ColumnVector[] buffer)
    {
        for (int i = 0; i < columns.Length; i++) buffer[i] = batch[columns[i]];
        return MemoryMarshal.CreateReadOnlySpan(ref buffer[0], columns.Length);
    }
}
