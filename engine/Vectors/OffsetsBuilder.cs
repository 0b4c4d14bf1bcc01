using System.Runtime.CompilerServices;

namespace Kindling.Vectors;

/// <summary>
/// The offsets and validity of a variable-length column being built (strings, arrays): row i spans
/// <c>Offsets[i]..Offsets[i + 1]</c> of its data; a null row spans nothing.
/// </summary>
internal sealed class OffsetsBuilder(int capacity)
{
    private readonly ValidityBuilder _validity = new();
    private int[] _offsets = new int[Math.Max(capacity, 16) + 1];

    public int Length { get; private set; }

    /// <summary>Where the next row's data starts (the end of the last row).</summary>
    public int End => _offsets[Length];

    /// <summary>The offsets buffer, at least <see cref="Length"/> + 1 long.</summary>
    public int[] Offsets => _offsets;

    public int NullCount => _validity.NullCount;

    /// <summary>Closes a row whose data ends at <paramref name="end"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendValid(int end)
    {
        AppendOffset(end);
        _validity.AppendValid();
    }

    public void AppendNull()
    {
        AppendOffset(End);
        _validity.AppendNull();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AppendOffset(int end)
    {
        if (Length + 2 > _offsets.Length)
            Array.Resize(ref _offsets, _offsets.Length * 2);
        _offsets[++Length] = end;
    }

    /// <summary>The validity bitmap (null when no row is null).</summary>
    public byte[]? BuildValidity() => _validity.Build();

    /// <summary>Starts over with a fresh offsets buffer (a built vector keeps the old one).</summary>
    public void Reset()
    {
        _offsets = new int[_offsets.Length];
        Length = 0;
        _validity.Reset();
    }
}
