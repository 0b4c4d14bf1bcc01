using Kindling.Sql;

namespace Kindling.Engine.Tests.Sql;

/// <summary>Shared session helpers for the Sql tests.</summary>
internal static class TestSession
{
    public static SparkSession Get() => SparkSession.Builder().Master("local[2]").AppName("tests").GetOrCreate();
}
