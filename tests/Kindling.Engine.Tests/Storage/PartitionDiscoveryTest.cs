using Kindling.Engine.Tests.TestSupport;
using Kindling.Storage;
using Kindling.Vectors;

namespace Kindling.Engine.Tests.Storage;

public sealed class PartitionDiscoveryTest : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void DiscoversNestedPartitionsWithTypesAndSkipsHiddenFiles()
    {
        _dir.File("t/dt=2024-03-01/h=1/part-0.csv", "a\n");
        _dir.File("t/dt=2024-03-02/h=23/part-0.csv", "b\n");
        _dir.File("t/dt=2024-03-02/h=__HIVE_DEFAULT_PARTITION__/part-0.csv", "c\n");
        _dir.File("t/_SUCCESS", "");
        _dir.File("t/dt=2024-03-01/h=1/.part-0.csv.crc", "");
        _dir.File("t/_temporary/0/dt=2024-03-09/h=1/part-9.csv", "x\n");
        var set = PartitionDiscovery.Discover([Path.Combine(_dir.Path, "t")]);
        Assert.Equal("[dt: date, h: int]", set.PartitionSchema.ToString());
        Assert.Equal(3, set.Files.Count);
        Assert.Equal(new object?[] { new DateOnly(2024, 3, 1), 1 }, set.Files[0].PartitionValues);
        Assert.Equal(new object?[] { new DateOnly(2024, 3, 2), 23 }, set.Files[1].PartitionValues);
        Assert.Equal(new object?[] { new DateOnly(2024, 3, 2), null }, set.Files[2].PartitionValues);
        Assert.Equal(2, set.Files[0].Length);
    }

    [Fact]
    public void WidensNumbersAndFallsBackToStrings()
    {
        _dir.File("t/a=1/b=x/c=1/f.csv", "");
        _dir.File("t/a=5000000000/b=2024-01-01/c=1.5/f.csv", "");
        _dir.File("t/a=007/b=01/c=2/f.csv", "");
        var set = PartitionDiscovery.Discover([Path.Combine(_dir.Path, "t")]);
        Assert.Equal("[a: bigint, b: string, c: double]", set.PartitionSchema.ToString());
        Assert.Equal(new object?[] { 7L, "01", 2.0 }, set.Files.Single(f => f.Path.Contains("a=007")).PartitionValues);
        var strings = PartitionDiscovery.Discover([Path.Combine(_dir.Path, "t")], inferTypes: false);
        Assert.Equal("[a: string, b: string, c: string]", strings.PartitionSchema.ToString());
        Assert.Equal(new object?[] { "007", "01", "2" }, strings.Files.Single(f => f.Path.Contains("a=007")).PartitionValues);
    }

    [Fact]
    public void UnescapesValues()
    {
        _dir.File("t/name=a%2Fb%3Dc%25/f.csv", "");
        var set = PartitionDiscovery.Discover([Path.Combine(_dir.Path, "t")]);
        Assert.Equal("a/b=c%", set.Files[0].PartitionValues[0]);
    }

    [Fact]
    public void MixedDepthsFailNamingThePaths()
    {
        _dir.File("t/dt=2024-03-01/f.csv", "");
        _dir.File("t/stray.csv", "");
        var ex = Assert.Throws<InvalidOperationException>(() => PartitionDiscovery.Discover([Path.Combine(_dir.Path, "t")]));
        Assert.Contains("Conflicting directory structures", ex.Message);
        Assert.Contains(Path.Combine(_dir.Path, "t", "dt=2024-03-01"), ex.Message);
        Assert.Contains("[dt]", ex.Message);
    }

    [Fact]
    public void PlainFoldersAndFilesAreRead()
    {
        string f1 = _dir.File("plain/sub/a.csv", "1\n");
        _dir.File("plain/b.csv", "2\n");
        var set = PartitionDiscovery.Discover([Path.Combine(_dir.Path, "plain")]);
        Assert.Equal(2, set.Files.Count);
        Assert.Equal(Schema.Empty.Count, set.PartitionSchema.Count);
        var single = PartitionDiscovery.Discover([f1]);
        Assert.Equal(f1, Assert.Single(single.Files).Path);
        Assert.Throws<FileNotFoundException>(() => PartitionDiscovery.Discover([Path.Combine(_dir.Path, "missing")]));
    }
}
