namespace Kindling.Vectors;

/// <summary>Builds a validity bitmap incrementally; allocates nothing until the first null.</summary>
internal sealed class ValidityBuilder
{
    private byte[]? _bits;
    private int _length;

    public int NullCount { get; private set; }

    public int Length => _length;

    public void AppendValid() => _length++;

    public void AppendNull()
    {
        EnsureBitmap(_length + 1);
        Validity.SetNull(_bits!, _length);
        _length++;
        NullCount++;
    }

    public void Append(bool valid)
    {
        if (valid) AppendValid();
        else AppendNull();
    }

    /// <summary>Appends <paramref name="count"/> valid entries.</summary>
    public void AppendValid(int count) => _length += count;

    private void EnsureBitmap(int length)
    {
        int needed = Validity.ByteLength(length);
        if (_bits is null)
        {
            // Everything appended so far was valid.
            _bits = new byte[Math.Max(needed, 64)];
            _bits.AsSpan().Fill(0xFF);
        }
        else if (_bits.Length < needed)
        {
            int oldLength = _bits.Length;
            Array.Resize(ref _bits, Math.Max(needed, oldLength * 2));
            _bits.AsSpan(oldLength).Fill(0xFF);
        }
    }

    /// <summary>The bitmap (null when nothing was null), sized for at least <see cref="Length"/> bits.</summary>
    public byte[]? Build()
    {
        if (NullCount == 0) return null;
        EnsureBitmap(_length); // valid entries appended after the last null may lie past the bitmap
        return _bits;
    }

    public void Reset()
    {
        _bits = null;
        _length = 0;
        NullCount = 0;
    }
}
