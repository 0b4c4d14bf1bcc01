using Kindling.Kernels.Hashing;
using Kindling.Kernels.Selection;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Kernels.Hashing;

public sealed class KeyValueHashTests
{
    private static ulong[] Hashes(ColumnVector[] columns, params int[] rows)
    {
        var hashes = new ulong[rows.Length];
        KeyValueHash.Hash(columns, rows, hashes);
        return hashes;
    }

    [Fact]
    public void Rows_That_Group_Together_Hash_Alike()
    {
        // Floats: NaN payloads and -0.0 group with NaN and 0.0; a null hashes alike whatever its value slot holds.
        double otherNaN = BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0001L);
        var validity = Validity.AllValid(6);
        Validity.SetNull(validity, 4);
        Validity.SetNull(validity, 5);
        var doubles = new PrimitiveVector<double>(ColumnType.Float64, [double.NaN, otherNaN, 0.0, -0.0, 1.0, 2.0], 6, validity);
        var h = Hashes([doubles], 0, 1, 2, 3, 4, 5);
        Assert.Equal(h[0], h[1]);
        Assert.Equal(h[2], h[3]);
        Assert.Equal(h[4], h[5]);
        Assert.NotEqual(h[0], h[2]);
        Assert.NotEqual(h[2], h[4]);
    }

    [Fact]
    public void Strings_Hash_By_Their_Bytes_Plain_Or_Dictionary_Encoded()
    {
        var plain = (StringVector)VectorFromObjects.Build(ColumnType.String, ["b", "a", null, "b"]);
        var dictionary = VectorFromObjects.Build(ColumnType.String, ["a", "b"]);
        var validity = Validity.AllValid(4);
        Validity.SetNull(validity, 2);
        var encoded = new DictionaryVector(dictionary, [1, 0, 1, 1], 4, validity);
        var ints = new PrimitiveVector<int>(ColumnType.Int32, [7, 7, 7, 7], 4);
        Assert.Equal(Hashes([plain, ints], 0, 1, 2, 3), Hashes([encoded, ints], 0, 1, 2, 3));
        var h = Hashes([plain, ints], 0, 1, 2, 3);
        Assert.Equal(h[0], h[3]);
        Assert.Equal(3, h.Distinct().Count());
    }

    [Fact]
    public void Hashes_Only_The_Rows_Asked_For_And_Spread_Over_The_Top_Bits()
    {
        int n = 64_000;
        var values = new long[n];
        for (int i = 0; i < n; i++) values[i] = i;
        var longs = new PrimitiveVector<long>(ColumnType.Int64, values, n);
        var rows = Enumerable.Range(0, n).ToArray();
        var hashes = Hashes([longs], rows);
        Assert.Equal(hashes[5], Hashes([longs], 5)[0]);
        // A spill partition is 4 bits of the hash from the top: each of the 16 gets about a 16th of the keys.
        var counts = new int[16];
        foreach (ulong hash in hashes) counts[(int)(hash >> 60)]++;
        Assert.All(counts, c => Assert.InRange(c, n / 16 * 9 / 10, n / 16 * 11 / 10));
        var next = new int[16];
        foreach (ulong hash in hashes) next[(int)(hash >> 56) & 15]++;
        Assert.All(next, c => Assert.InRange(c, n / 16 * 9 / 10, n / 16 * 11 / 10));
    }
}
