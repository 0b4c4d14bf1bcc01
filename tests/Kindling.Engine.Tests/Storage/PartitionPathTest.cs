using Kindling.Storage;

namespace Kindling.Engine.Tests.Storage;

public sealed class PartitionPathTest
{
    [Theory]
    [InlineData("2024-03-01", "2024-03-01")]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("x=y:z", "x%3Dy%3Az")]
    [InlineData("100%", "100%25")]
    [InlineData("q?#*'\"", "q%3F%23%2A%27%22")]
    [InlineData("{[]^\\}", "%7B%5B%5D%5E%5C}")]
    [InlineData("tab\there", "tab%09here")]
    [InlineData("Zürich west", "Zürich west")]
    public void EscapesLikeSparkAndRoundTrips(string value, string escaped)
    {
        Assert.Equal(escaped, PartitionPath.Escape(value));
        Assert.Equal(value, PartitionPath.Unescape(escaped));
    }

    [Fact]
    public void NullsAndEmptyStringsUseTheHiveDefaultPartition()
    {
        Assert.Equal("dt=__HIVE_DEFAULT_PARTITION__", PartitionPath.Segment("dt", null));
        Assert.Equal("s=__HIVE_DEFAULT_PARTITION__", PartitionPath.Segment("s", ""));
        Assert.Equal("dt=2024-03-01", PartitionPath.Segment("dt", new DateOnly(2024, 3, 1)));
    }
}
