using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Kindling.Vectors;

/// <summary>
/// Arrow validity bitmaps: bit i (least significant bit first within each byte) is 1 when row i holds a
/// value. Buffers are allocated in whole 8-byte words so kernels may read them as <see cref="ulong"/>s.
/// A column without nulls has no bitmap (null reference), as in Arrow.
/// </summary>
internal static class Validity
{
    /// <summary>Bytes needed for <paramref name="length"/> bits, rounded up to whole 64-bit words.</summary>
    public static int ByteLength(int length) => ((length + 63) >> 6) << 3;

    /// <summary>A bitmap of <paramref name="length"/> bits, all valid.</summary>
    public static byte[] AllValid(int length)
    {
        var bits = new byte[ByteLength(length)];
        bits.AsSpan().Fill(0xFF);
        return bits;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsValid(ReadOnlySpan<byte> bits, int index) => (bits[index >> 3] & (1 << (index & 7))) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetValid(Span<byte> bits, int index) => bits[index >> 3] |= (byte)(1 << (index & 7));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetNull(Span<byte> bits, int index) => bits[index >> 3] &= (byte)~(1 << (index & 7));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Set(Span<byte> bits, int index, bool valid)
    {
        if (valid) SetValid(bits, index);
        else SetNull(bits, index);
    }

    /// <summary>Counts the null (0) bits among the first <paramref name="length"/> bits.</summary>
    public static int CountNulls(ReadOnlySpan<byte> bits, int length)
    {
        int fullWords = length >> 6;
        ReadOnlySpan<ulong> words = MemoryMarshal.Cast<byte, ulong>(bits[..(fullWords << 3)]);
        int valid = 0;
        foreach (ulong w in words)
            valid += BitOperations.PopCount(w);
        for (int i = fullWords << 6; i < length; i++)
            if (IsValid(bits, i)) valid++;
        return length - valid;
    }
}
