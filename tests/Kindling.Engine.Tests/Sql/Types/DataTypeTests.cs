using Kindling.Sql.Types;

namespace Kindling.Engine.Tests.Sql.Types;

public class DataTypeTests
{
    [Fact]
    public void Names_Follow_Spark()
    {
        (DataType Type, string TypeName, string Simple)[] cases =
        [
            (new StringType(), "string", "string"),
            (new BinaryType(), "binary", "binary"),
            (new BooleanType(), "boolean", "boolean"),
            (new DateType(), "date", "date"),
            (new TimestampType(), "timestamp", "timestamp"),
            (new DoubleType(), "double", "double"),
            (new FloatType(), "float", "float"),
            (new ByteType(), "byte", "tinyint"),
            (new ShortType(), "short", "smallint"),
            (new IntegerType(), "integer", "int"),
            (new LongType(), "long", "bigint"),
            (new DecimalType(), "decimal(10,0)", "decimal(10,0)"),
            (new DecimalType(15, 4), "decimal(15,4)", "decimal(15,4)"),
            (new ArrayType(new StringType()), "array", "array<string>"),
        ];
        foreach (var (type, typeName, simple) in cases)
        {
            Assert.Equal(typeName, type.TypeName);
            Assert.Equal(simple, type.SimpleString);
        }
        Assert.Equal(new DecimalType(15, 4), new DecimalType(15, 4));
        Assert.NotEqual<DataType>(new IntegerType(), new LongType());
    }

    [Fact]
    public void StructType_Json_Is_Sparks_Schema_Json()
    {
        var schema = new StructType([
            new StructField("id", new LongType(), false),
            new StructField("price", new DecimalType(15, 4)),
            new StructField("name", new StringType()),
        ]);
        Assert.Equal(
            "{\"type\":\"struct\",\"fields\":[" +
            "{\"name\":\"id\",\"type\":\"long\",\"nullable\":false,\"metadata\":{}}," +
            "{\"name\":\"price\",\"type\":\"decimal(15,4)\",\"nullable\":true,\"metadata\":{}}," +
            "{\"name\":\"name\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}]}", schema.Json);
        Assert.Equal("struct<id:bigint,price:decimal(15,4),name:string>", schema.SimpleString);
    }

    [Fact]
    public void Date_And_Timestamp_Values()
    {
        Assert.Equal("2024-02-29", new Date(2024, 2, 29).ToString());
        Assert.Equal(new DateTime(2024, 2, 29), new Date(new DateTime(2024, 2, 29, 13, 0, 0)).ToDateTime());
        var ts = new Timestamp(new DateTime(2024, 3, 1, 13, 5, 22, 123, DateTimeKind.Utc));
        Assert.Equal("2024-03-01 13:05:22.123", ts.ToString());
        Assert.Equal(DateTimeKind.Utc, ts.ToDateTime().Kind);
    }
}
