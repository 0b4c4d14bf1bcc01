using System.Globalization;
using System.Text;
using Kindling.Plan.Expressions;
using Kindling.Vectors;

namespace Kindling.Plan.Parsing;

/// <summary>
/// A small recursive-descent parser for Spark SQL <em>expressions</em> (not statements), for
/// Filter(string), SelectExpr, Functions.Expr: literals, columns, arithmetic, comparisons, AND/OR/NOT,
/// IS [NOT] NULL, [NOT] IN, [NOT] LIKE/RLIKE, BETWEEN, CASE WHEN, CAST(x AS type), function calls and
/// an optional alias. Produces unresolved expressions for the analyzer. Full SQL arrives with the Spark SQL issue.
/// </summary>
internal sealed class SqlExpressionParser
{
    private readonly string _text;
    private readonly List<Token> _tokens;
    private int _pos;

    private enum Kind { Ident, QuotedIdent, Number, String, Op, LParen, RParen, LBracket, RBracket, Comma, Star, End }

    private readonly record struct Token(Kind Kind, string Text, int Offset);

    private SqlExpressionParser(string text)
    {
        _text = text;
        _tokens = Tokenize(text);
    }

    /// <summary>Parses "expr [[AS] alias]".</summary>
    public static Expr ParseNamed(string text)
    {
        var p = new SqlExpressionParser(text);
        if (p.Peek.Kind == Kind.Star && p._tokens[p._pos + 1].Kind == Kind.End) return new UnresolvedAttribute("*");
        var e = p.ParseExpr();
        if (p.AcceptKeyword("AS") || p.Peek.Kind is Kind.Ident or Kind.QuotedIdent)
        {
            var alias = p.Next();
            if (alias.Kind is not (Kind.Ident or Kind.QuotedIdent)) throw p.Error("an alias after AS");
            e = new Alias(e, alias.Text);
        }
        p.Expect(Kind.End, "end of expression");
        return e;
    }

    /// <summary>Parses a boolean condition (Filter/Where).</summary>
    public static Expr ParseCondition(string text)
    {
        var p = new SqlExpressionParser(text);
        var e = p.ParseExpr();
        p.Expect(Kind.End, "end of expression");
        return e;
    }

    private static readonly string[] ClauseKeywords = ["FROM", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "UNION", "JOIN", "ON"];

    /// <summary>
    /// A single-table SELECT: <c>SELECT [DISTINCT] items FROM view [WHERE c] [GROUP BY e, ...] [HAVING c]
    /// [ORDER BY e [ASC|DESC] [NULLS FIRST|LAST], ...] [LIMIT n]</c>. Joins, subqueries and set operations
    /// arrive with the Spark SQL issue.
    /// </summary>
    public static SelectStatement ParseSelect(string text)
    {
        var p = new SqlExpressionParser(text);
        if (!p.AcceptKeyword("SELECT"))
            throw new NotSupportedException($"SQL statement '{p.Peek.Text} ...': only single-table SELECTs are supported; other statements arrive with the Spark SQL issue");
        bool distinct = p.AcceptKeyword("DISTINCT");
        var items = new List<Expr>();
        do items.Add(p.ParseSelectItem()); while (p.Peek.Kind == Kind.Comma && p.Next().Kind == Kind.Comma);
        if (!p.AcceptKeyword("FROM")) throw p.Error("FROM");
        var table = p.Next();
        if (table.Kind is not (Kind.Ident or Kind.QuotedIdent)) throw p.Error("a table or view name");
        Expr? where = p.AcceptKeyword("WHERE") ? p.ParseExpr() : null;
        var groupBy = new List<Expr>();
        if (p.AcceptKeyword("GROUP"))
        {
            if (!p.AcceptKeyword("BY")) throw p.Error("BY");
            do groupBy.Add(p.ParseExpr()); while (p.Peek.Kind == Kind.Comma && p.Next().Kind == Kind.Comma);
        }
        Expr? having = p.AcceptKeyword("HAVING") ? p.ParseExpr() : null;
        var orderBy = new List<Expr>();
        if (p.AcceptKeyword("ORDER"))
        {
            if (!p.AcceptKeyword("BY")) throw p.Error("BY");
            do orderBy.Add(p.ParseSortItem()); while (p.Peek.Kind == Kind.Comma && p.Next().Kind == Kind.Comma);
        }
        int? limit = null;
        if (p.AcceptKeyword("LIMIT"))
        {
            var n = p.Next();
            if (n.Kind != Kind.Number || !int.TryParse(n.Text, NumberStyles.None, CultureInfo.InvariantCulture, out int l)) throw p.Error("a row count after LIMIT");
            limit = l;
        }
        if (p.Peek.Kind != Kind.End)
            throw new NotSupportedException($"SQL beyond a single-table SELECT (near '{p.Peek.Text}') arrives with the Spark SQL issue");
        return new SelectStatement(distinct, items, table.Text, where, groupBy, having, orderBy, limit);
    }

    private Expr ParseSelectItem()
    {
        if (Peek.Kind == Kind.Star) { _pos++; return new UnresolvedAttribute("*"); }
        var e = ParseExpr();
        if (AcceptKeyword("AS") || (Peek.Kind == Kind.Ident && !ClauseKeywords.Any(k => IsKeyword(k))) || Peek.Kind == Kind.QuotedIdent)
        {
            var alias = Next();
            if (alias.Kind is not (Kind.Ident or Kind.QuotedIdent)) throw Error("an alias");
            e = new Alias(e, alias.Text);
        }
        return e;
    }

    private Token Peek => _tokens[_pos];

    private Token Next() => _tokens[_pos++];

    private Exception Error(string expected) =>
        new AnalysisException($"[PARSE_SYNTAX_ERROR] Syntax error at or near '{(Peek.Kind == Kind.End ? "end of input" : Peek.Text)}' (position {Peek.Offset}) in \"{_text}\": expected {expected}");

    private void Expect(Kind kind, string what)
    {
        if (Peek.Kind != kind) throw Error(what);
        _pos++;
    }

    private bool IsKeyword(string kw, int ahead = 0) =>
        _tokens[_pos + ahead].Kind == Kind.Ident && string.Equals(_tokens[_pos + ahead].Text, kw, StringComparison.OrdinalIgnoreCase);

    private bool AcceptKeyword(string kw)
    {
        if (!IsKeyword(kw)) return false;
        _pos++;
        return true;
    }

    private bool AcceptOp(string op)
    {
        if (Peek.Kind != Kind.Op || Peek.Text != op) return false;
        _pos++;
        return true;
    }

    private Expr ParseExpr() => ParseOr();

    private Expr ParseOr()
    {
        var e = ParseAnd();
        while (AcceptKeyword("OR")) e = new LogicalExpr(false, e, ParseAnd()); // "||" is concatenation (additive level)
        return e;
    }

    private Expr ParseAnd()
    {
        var e = ParseNot();
        while (AcceptKeyword("AND") || AcceptOp("&&")) e = new LogicalExpr(true, e, ParseNot());
        return e;
    }

    private Expr ParseNot() => AcceptKeyword("NOT") || AcceptOp("!") ? new NotExpr(ParseNot()) : ParsePredicate();

    private Expr ParsePredicate()
    {
        var left = ParseAdditive();
        if (Peek.Kind == Kind.Op)
        {
            ComparisonOp? op = Peek.Text switch
            {
                "=" or "==" => ComparisonOp.Equal,
                "!=" or "<>" => ComparisonOp.NotEqual,
                "<" => ComparisonOp.LessThan,
                "<=" => ComparisonOp.LessThanOrEqual,
                ">" => ComparisonOp.GreaterThan,
                ">=" => ComparisonOp.GreaterThanOrEqual,
                "<=>" => ComparisonOp.EqualNullSafe,
                _ => null,
            };
            if (op is not null)
            {
                _pos++;
                return new ComparisonExpr(op.Value, left, ParseAdditive());
            }
        }
        if (AcceptKeyword("IS"))
        {
            bool not = AcceptKeyword("NOT");
            if (!AcceptKeyword("NULL")) throw Error("NULL after IS");
            return new IsNullExpr(left, not);
        }
        bool negate = false;
        if (IsKeyword("NOT") && (IsKeyword("IN", 1) || IsKeyword("LIKE", 1) || IsKeyword("RLIKE", 1) || IsKeyword("BETWEEN", 1)))
        {
            _pos++;
            negate = true;
        }
        Expr? result = null;
        if (AcceptKeyword("IN"))
        {
            Expect(Kind.LParen, "( after IN");
            var items = new List<Expr> { left };
            do items.Add(ParseExpr()); while (Peek.Kind == Kind.Comma && Next().Kind == Kind.Comma);
            Expect(Kind.RParen, ")");
            result = new InExpr(items);
        }
        else if (AcceptKeyword("LIKE") || AcceptKeyword("RLIKE"))
        {
            bool regex = string.Equals(_tokens[_pos - 1].Text, "RLIKE", StringComparison.OrdinalIgnoreCase);
            var pattern = Next();
            if (pattern.Kind != Kind.String) throw Error("a string pattern");
            result = new LikeExpr(left, pattern.Text, regex);
        }
        else if (AcceptKeyword("BETWEEN"))
        {
            var low = ParseAdditive();
            if (!AcceptKeyword("AND")) throw Error("AND in BETWEEN");
            var high = ParseAdditive();
            result = new LogicalExpr(true, new ComparisonExpr(ComparisonOp.GreaterThanOrEqual, left, low), new ComparisonExpr(ComparisonOp.LessThanOrEqual, left, high));
        }
        if (result is null)
        {
            if (negate) throw Error("IN, LIKE, RLIKE or BETWEEN after NOT");
            return left;
        }
        return negate ? new NotExpr(result) : result;
    }

    private Expr ParseAdditive()
    {
        var e = ParseMultiplicative();
        while (true)
        {
            if (AcceptOp("+")) e = new ArithmeticExpr(ArithmeticOp.Add, e, ParseMultiplicative());
            else if (AcceptOp("-")) e = new ArithmeticExpr(ArithmeticOp.Subtract, e, ParseMultiplicative());
            else if (AcceptOp("||")) e = new UnresolvedFunction("concat", [e, ParseMultiplicative()]);
            else return e;
        }
    }

    private Expr ParseMultiplicative()
    {
        var e = ParseUnary();
        while (true)
        {
            if (Peek.Kind == Kind.Star) { _pos++; e = new ArithmeticExpr(ArithmeticOp.Multiply, e, ParseUnary()); }
            else if (AcceptOp("/")) e = new ArithmeticExpr(ArithmeticOp.Divide, e, ParseUnary());
            else if (AcceptOp("%")) e = new ArithmeticExpr(ArithmeticOp.Remainder, e, ParseUnary());
            else return e;
        }
    }

    private Expr ParseUnary()
    {
        if (AcceptOp("-"))
        {
            var inner = ParseUnary();
            return inner is Literal { Value: int i } ? new Literal(-i, ColumnType.Int32)
                : inner is Literal { Value: long l } ? new Literal(-l, ColumnType.Int64)
                : inner is Literal { Value: decimal m } lit ? new Literal(-m, lit.Type)
                : inner is Literal { Value: double d } ? new Literal(-d, ColumnType.Float64)
                : new NegateExpr(inner);
        }
        if (AcceptOp("+")) return ParseUnary();
        return ParseSubscripts(ParsePrimary());
    }

    /// <summary><c>primary[index]...</c>: array subscripts bind tighter than any operator.</summary>
    private Expr ParseSubscripts(Expr e)
    {
        while (Peek.Kind == Kind.LBracket)
        {
            _pos++;
            var index = ParseExpr();
            Expect(Kind.RBracket, "]");
            e = new ArrayItemExpr(e, index);
        }
        return e;
    }

    private Expr ParsePrimary()
    {
        var t = Peek;
        switch (t.Kind)
        {
            case Kind.Number: _pos++; return NumberLiteral(t.Text);
            case Kind.String: _pos++; return Literal.FromObject(t.Text);
            case Kind.LParen:
            {
                _pos++;
                var e = ParseExpr();
                Expect(Kind.RParen, ")");
                return e;
            }
            case Kind.QuotedIdent: _pos++; return new UnresolvedAttribute(t.Text);
            case Kind.Ident:
                break;
            default:
                throw Error("an expression");
        }
        if (AcceptKeyword("TRUE")) return Literal.True;
        if (AcceptKeyword("FALSE")) return Literal.False;
        if (AcceptKeyword("NULL")) return Literal.Null;
        if (IsKeyword("CAST") && _tokens[_pos + 1].Kind == Kind.LParen)
        {
            _pos += 2;
            var e = ParseExpr();
            if (!AcceptKeyword("AS")) throw Error("AS in CAST");
            var type = new StringBuilder();
            int depth = 0;
            while (Peek.Kind != Kind.End && !(Peek.Kind == Kind.RParen && depth == 0))
            {
                if (Peek.Kind == Kind.LParen) depth++;
                if (Peek.Kind == Kind.RParen) depth--;
                type.Append(Next().Text);
            }
            Expect(Kind.RParen, ")");
            return new CastExpr(e, Sql.TypeParser.Parse(type.ToString()).ToColumnType());
        }
        if (IsKeyword("CASE")) return ParseCase();
        if (IsKeyword("DATE") && _tokens[_pos + 1].Kind == Kind.String)
        {
            _pos++;
            return new CastExpr(Literal.FromObject(Next().Text), ColumnType.Date);
        }
        if (IsKeyword("TIMESTAMP") && _tokens[_pos + 1].Kind == Kind.String)
        {
            _pos++;
            return new CastExpr(Literal.FromObject(Next().Text), ColumnType.Timestamp);
        }
        var name = Next().Text;
        if (Peek.Kind != Kind.LParen) return new UnresolvedAttribute(name);
        _pos++;
        var args = new List<Expr>();
        bool distinct = AcceptKeyword("DISTINCT");
        if (Peek.Kind == Kind.Star)
        {
            _pos++;
            args.Add(Literal.FromObject(1));
        }
        else if (Peek.Kind != Kind.RParen)
        {
            do args.Add(ParseExpr()); while (Peek.Kind == Kind.Comma && Next().Kind == Kind.Comma);
        }
        Expect(Kind.RParen, ")");
        Expr call = new UnresolvedFunction(name.ToLowerInvariant(), args, distinct);
        return AcceptKeyword("OVER") ? ParseOver(call) : call;
    }

    /// <summary><c>OVER ([PARTITION BY e, ...] [ORDER BY e [ASC|DESC] [NULLS FIRST|LAST], ...] [ROWS|RANGE BETWEEN b AND b])</c>.</summary>
    private Expr ParseOver(Expr function)
    {
        Expect(Kind.LParen, "( after OVER");
        var partition = new List<Expr>();
        var order = new List<Expr>();
        Execution.Operators.Window.WindowFrame? frame = null;
        if (AcceptKeyword("PARTITION") || AcceptKeyword("DISTRIBUTE"))
        {
            if (!AcceptKeyword("BY")) throw Error("BY");
            do partition.Add(ParseExpr()); while (Peek.Kind == Kind.Comma && Next().Kind == Kind.Comma);
        }
        if (AcceptKeyword("ORDER") || AcceptKeyword("SORT"))
        {
            if (!AcceptKeyword("BY")) throw Error("BY");
            do order.Add(ParseSortItem()); while (Peek.Kind == Kind.Comma && Next().Kind == Kind.Comma);
        }
        if (IsKeyword("ROWS") || IsKeyword("RANGE"))
        {
            bool rows = string.Equals(Next().Text, "ROWS", StringComparison.OrdinalIgnoreCase);
            if (!AcceptKeyword("BETWEEN")) throw Error("BETWEEN");
            long start = ParseBound();
            if (!AcceptKeyword("AND")) throw Error("AND");
            frame = new Execution.Operators.Window.WindowFrame(rows, start, ParseBound());
        }
        Expect(Kind.RParen, ")");
        return new WindowExpr(function, partition, order, frame);
    }

    private Expr ParseSortItem()
    {
        var e = ParseExpr();
        bool asc = !AcceptKeyword("DESC");
        if (asc) AcceptKeyword("ASC");
        bool nullsFirst = asc;
        if (AcceptKeyword("NULLS"))
        {
            if (AcceptKeyword("FIRST")) nullsFirst = true;
            else if (AcceptKeyword("LAST")) nullsFirst = false;
            else throw Error("FIRST or LAST");
        }
        return new SortOrder(e, asc, nullsFirst);
    }

    private long ParseBound()
    {
        if (AcceptKeyword("UNBOUNDED"))
        {
            if (AcceptKeyword("PRECEDING")) return long.MinValue;
            if (AcceptKeyword("FOLLOWING")) return long.MaxValue;
            throw Error("PRECEDING or FOLLOWING");
        }
        if (AcceptKeyword("CURRENT"))
        {
            if (!AcceptKeyword("ROW")) throw Error("ROW");
            return 0;
        }
        var n = Next();
        if (n.Kind != Kind.Number || !long.TryParse(n.Text, NumberStyles.None, CultureInfo.InvariantCulture, out long v)) throw Error("a frame bound");
        if (AcceptKeyword("PRECEDING")) return -v;
        if (AcceptKeyword("FOLLOWING")) return v;
        throw Error("PRECEDING or FOLLOWING");
    }

    private Expr ParseCase()
    {
        _pos++;
        Expr? subject = IsKeyword("WHEN") ? null : ParseExpr();
        var children = new List<Expr>();
        while (AcceptKeyword("WHEN"))
        {
            var cond = ParseExpr();
            if (subject is not null) cond = new ComparisonExpr(ComparisonOp.Equal, subject, cond);
            if (!AcceptKeyword("THEN")) throw Error("THEN");
            children.Add(cond);
            children.Add(ParseExpr());
        }
        if (children.Count == 0) throw Error("WHEN");
        bool hasElse = AcceptKeyword("ELSE");
        if (hasElse) children.Add(ParseExpr());
        if (!AcceptKeyword("END")) throw Error("END");
        return new CaseWhenExpr(children, hasElse);
    }

    /// <summary>Spark SQL numeric literals: 1 int (bigint when large), 1L bigint, 1.5 decimal, 1.5D / 1e3 double, 1.5BD decimal.</summary>
    private static Literal NumberLiteral(string s)
    {
        var inv = CultureInfo.InvariantCulture;
        string upper = s.ToUpperInvariant();
        if (upper.EndsWith("BD", StringComparison.Ordinal)) return Literal.FromObject(decimal.Parse(s[..^2], NumberStyles.Float, inv));
        if (upper.EndsWith('L')) return Literal.FromObject(long.Parse(s[..^1], inv));
        if (upper.EndsWith('D')) return Literal.FromObject(double.Parse(s[..^1], NumberStyles.Float, inv));
        if (upper.EndsWith('F')) return Literal.FromObject(float.Parse(s[..^1], NumberStyles.Float, inv));
        if (upper.Contains('E')) return Literal.FromObject(double.Parse(s, NumberStyles.Float, inv));
        if (s.Contains('.')) return Literal.FromObject(decimal.Parse(s, NumberStyles.Float, inv));
        if (int.TryParse(s, NumberStyles.None, inv, out int i)) return Literal.FromObject(i);
        if (long.TryParse(s, NumberStyles.None, inv, out long l)) return Literal.FromObject(l);
        return Literal.FromObject(decimal.Parse(s, inv));
    }

    private static List<Token> Tokenize(string s)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < s.Length)
        {
            char c = s[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            int start = i;
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1])))
            {
                while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
                if (i < s.Length && (s[i] == 'e' || s[i] == 'E') && i + 1 < s.Length && (char.IsAsciiDigit(s[i + 1]) || ((s[i + 1] == '-' || s[i + 1] == '+') && i + 2 < s.Length && char.IsAsciiDigit(s[i + 2]))))
                {
                    i += 2;
                    while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
                }
                while (i < s.Length && char.IsAsciiLetter(s[i])) i++; // suffixes L, D, F, BD
                tokens.Add(new Token(Kind.Number, s[start..i], start));
                continue;
            }
            if (char.IsLetter(c) || c == '_')
            {
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_' || s[i] == '.' && i + 1 < s.Length && (char.IsLetter(s[i + 1]) || s[i + 1] == '_'))) i++;
                tokens.Add(new Token(Kind.Ident, s[start..i], start));
                continue;
            }
            if (c is '\'' or '"' or '`')
            {
                var sb = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= s.Length) throw new AnalysisException($"[PARSE_SYNTAX_ERROR] Unclosed {c} starting at position {start} in \"{s}\"");
                    if (s[i] == '\\' && c != '`' && i + 1 < s.Length)
                    {
                        char e = s[i + 1];
                        sb.Append(e switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', _ => e });
                        i += 2;
                        continue;
                    }
                    if (s[i] == c)
                    {
                        if (i + 1 < s.Length && s[i + 1] == c) { sb.Append(c); i += 2; continue; }
                        i++;
                        break;
                    }
                    sb.Append(s[i++]);
                }
                tokens.Add(new Token(c == '`' ? Kind.QuotedIdent : Kind.String, sb.ToString(), start));
                continue;
            }
            switch (c)
            {
                case '(': tokens.Add(new Token(Kind.LParen, "(", i++)); continue;
                case ')': tokens.Add(new Token(Kind.RParen, ")", i++)); continue;
                case ',': tokens.Add(new Token(Kind.Comma, ",", i++)); continue;
                case '[': tokens.Add(new Token(Kind.LBracket, "[", i++)); continue;
                case ']': tokens.Add(new Token(Kind.RBracket, "]", i++)); continue;
                case '*': tokens.Add(new Token(Kind.Star, "*", i++)); continue;
            }
            string[] ops = ["<=>", "<>", "<=", ">=", "!=", "==", "||", "&&", "=", "<", ">", "+", "-", "/", "%", "!"];
            var op = ops.FirstOrDefault(o => string.CompareOrdinal(s, i, o, 0, o.Length) == 0)
                ?? throw new AnalysisException($"[PARSE_SYNTAX_ERROR] Unexpected character '{c}' at position {i} in \"{s}\"");
            tokens.Add(new Token(Kind.Op, op, i));
            i += op.Length;
        }
        tokens.Add(new Token(Kind.End, "", s.Length));
        tokens.Add(new Token(Kind.End, "", s.Length));
        return tokens;
    }
}
