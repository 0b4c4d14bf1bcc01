using Kindling.Plan.Expressions;

namespace Kindling.Sql;

/// <summary>
/// SQL text arrives with the Spark SQL issue; until then only the trivial forms are accepted: a column
/// name, <c>*</c>, or <c>name AS alias</c>.
/// </summary>
internal static class SqlText
{
    public static NotSupportedException Pending(string member) =>
        new($"{member} with SQL text arrives with the Spark SQL issue; use the Column API (Functions.Col, operators) instead");

    public static Expr ParseSimpleExpression(string text)
    {
        var t = text.Trim();
        if (t == "*") return new UnresolvedAttribute("*");
        var parts = t.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 1 && IsIdentifier(parts[0])) return new UnresolvedAttribute(parts[0].Trim('`'));
        if (parts.Length == 3 && parts[1].Equals("as", StringComparison.OrdinalIgnoreCase) && IsIdentifier(parts[0]) && IsIdentifier(parts[2]))
            return new Alias(new UnresolvedAttribute(parts[0].Trim('`')), parts[2].Trim('`'));
        throw Pending($"expression \"{text}\"");
    }

    private static bool IsIdentifier(string s)
    {
        s = s.Trim('`');
        if (s.Length == 0 || !(char.IsLetter(s[0]) || s[0] == '_')) return false;
        foreach (char c in s) if (!(char.IsLetterOrDigit(c) || c == '_' || c == '.')) return false;
        return true;
    }
}
