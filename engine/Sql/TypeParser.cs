using Kindling.Plan;
using Kindling.Sql.Types;

namespace Kindling.Sql;

/// <summary>Parses Spark type names ("int", "decimal(15,4)") and DDL schemas ("a INT, b STRING").</summary>
internal static class TypeParser
{
    public static DataType Parse(string text)
    {
        string t = text.Trim().ToLowerInvariant();
        switch (t)
        {
            case "string": case "varchar": case "char": return new StringType();
            case "int": case "integer": return new IntegerType();
            case "bigint": case "long": return new LongType();
            case "smallint": case "short": return new ShortType();
            case "tinyint": case "byte": return new ByteType();
            case "double": return new DoubleType();
            case "float": case "real": return new FloatType();
            case "boolean": case "bool": return new BooleanType();
            case "date": return new DateType();
            case "timestamp": return new TimestampType();
            case "binary": return new BinaryType();
            case "decimal": case "dec": case "numeric": return new DecimalType(10, 0);
        }
        if ((t.StartsWith("decimal(", StringComparison.Ordinal) || t.StartsWith("numeric(", StringComparison.Ordinal)) && t.EndsWith(')'))
        {
            var parts = t[(t.IndexOf('(') + 1)..^1].Split(',');
            if (parts.Length is 1 or 2 && int.TryParse(parts[0], out int p) && (parts.Length == 1 || int.TryParse(parts[1], out _)))
                return new DecimalType(p, parts.Length == 2 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 0);
        }
        if (t.StartsWith("array<", StringComparison.Ordinal) && t.EndsWith('>'))
            return new ArrayType(Parse(t["array<".Length..^1]));
        if (t.StartsWith("varchar(", StringComparison.Ordinal) || t.StartsWith("char(", StringComparison.Ordinal)) return new StringType();
        throw new AnalysisException($"[UNSUPPORTED_DATATYPE] Unsupported data type \"{text}\"");
    }

    /// <summary>A DDL schema: comma-separated "name type" pairs, optionally "NOT NULL".</summary>
    public static StructType ParseSchema(string ddl)
    {
        var fields = new List<StructField>();
        int depth = 0, start = 0;
        var items = new List<string>();
        for (int i = 0; i < ddl.Length; i++)
        {
            if (ddl[i] == '(') depth++;
            else if (ddl[i] == ')') depth--;
            else if (ddl[i] == ',' && depth == 0) { items.Add(ddl[start..i]); start = i + 1; }
        }
        items.Add(ddl[start..]);
        foreach (var raw in items)
        {
            var item = raw.Trim();
            if (item.Length == 0) continue;
            int sp;
            string name;
            if (item.StartsWith('`'))
            {
                int close = item.IndexOf('`', 1);
                if (close < 0) PlanThrow.Analysis($"cannot parse schema field \"{item}\": unclosed `");
                name = item[1..close];
                sp = close;
            }
            else
            {
                sp = item.IndexOfAny([' ', '\t', ':']);
                if (sp < 0) PlanThrow.Analysis($"cannot parse schema field \"{item}\": expected \"name type\"");
                name = item[..sp].Trim();
            }
            string type = item[(sp + 1)..].Trim().TrimStart(':').Trim();
            bool nullable = true;
            if (type.EndsWith("not null", StringComparison.OrdinalIgnoreCase)) { nullable = false; type = type[..^8].Trim(); }
            fields.Add(new StructField(name, Parse(type), nullable));
        }
        return new StructType(fields);
    }
}
