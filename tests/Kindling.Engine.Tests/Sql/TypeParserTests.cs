using Kindling.Sql;

namespace Kindling.Engine.Tests.Sql;

public class TypeParserTests
{
    [Fact]
    public void Parses_Ddl_Schemas()
    {
        var s = TypeParser.ParseSchema("a INT, b DECIMAL(15, 4) NOT NULL, `c d` string, e timestamp,f:bigint");
        Assert.Equal(["a", "b", "c d", "e", "f"], s.Fields.Select(f => f.Name));
        Assert.Equal(["int", "decimal(15,4)", "string", "timestamp", "bigint"], s.Fields.Select(f => f.DataType.SimpleString));
        Assert.False(s.Fields[1].IsNullable);
        Assert.ThrowsAny<InvalidOperationException>(() => TypeParser.Parse("varchar2"));
    }
}
