using Kindling.Plan.Expressions;
using Kindling.Plan.Parsing;

namespace Kindling.Sql;

/// <summary>
/// SQL text: expressions (Filter(string), SelectExpr, Functions.Expr) go through the small expression
/// parser; statements (SparkSession.Sql) arrive with the Spark SQL issue.
/// </summary>
internal static class SqlText
{
    public static NotSupportedException Pending(string member) =>
        new($"{member} arrives with the Spark SQL issue; use the Column API (Functions.Col, operators) or expression strings (Filter(string), SelectExpr) instead");

    public static Expr ParseSimpleExpression(string text) => SqlExpressionParser.ParseNamed(text);

    public static Expr ParseCondition(string text) => SqlExpressionParser.ParseCondition(text);
}
