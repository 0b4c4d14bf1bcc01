using Kindling.Plan.Expressions;
using Kindling.Sql.Expressions;

namespace Kindling.Sql;

/// <summary>A column in a DataFrame: an expression computed from the DataFrame's columns, built lazily.</summary>
public sealed class Column
{
    internal Column(Expr expr) => Expr = expr;

    internal Expr Expr { get; }

    internal static Expr ToExpr(object? value) => value is Column c ? c.Expr : Literal.FromObject(value);

    private Column Compare(ComparisonOp op, object? rhs) => new(new ComparisonExpr(op, Expr, ToExpr(rhs)));

    private Column Arith(ArithmeticOp op, object? rhs) => new(new ArithmeticExpr(op, Expr, ToExpr(rhs)));

    /// <summary>Equality test (SQL =; null when either side is null).</summary>
    public static Column operator ==(Column lhs, object? rhs) => lhs.Compare(ComparisonOp.Equal, rhs);

    /// <summary>Inequality test.</summary>
    public static Column operator !=(Column lhs, object? rhs) => lhs.Compare(ComparisonOp.NotEqual, rhs);

    /// <summary>Greater than.</summary>
    public static Column operator >(Column lhs, object? rhs) => lhs.Compare(ComparisonOp.GreaterThan, rhs);

    /// <summary>Less than.</summary>
    public static Column operator <(Column lhs, object? rhs) => lhs.Compare(ComparisonOp.LessThan, rhs);

    /// <summary>Greater than or equal to.</summary>
    public static Column operator >=(Column lhs, object? rhs) => lhs.Compare(ComparisonOp.GreaterThanOrEqual, rhs);

    /// <summary>Less than or equal to.</summary>
    public static Column operator <=(Column lhs, object? rhs) => lhs.Compare(ComparisonOp.LessThanOrEqual, rhs);

    /// <summary>Sum of this expression and another expression.</summary>
    public static Column operator +(Column lhs, object? rhs) => lhs.Arith(ArithmeticOp.Add, rhs);

    /// <summary>Subtraction.</summary>
    public static Column operator -(Column lhs, object? rhs) => lhs.Arith(ArithmeticOp.Subtract, rhs);

    /// <summary>Multiplication.</summary>
    public static Column operator *(Column lhs, object? rhs) => lhs.Arith(ArithmeticOp.Multiply, rhs);

    /// <summary>Division (always fractional; division by zero gives null).</summary>
    public static Column operator /(Column lhs, object? rhs) => lhs.Arith(ArithmeticOp.Divide, rhs);

    /// <summary>Modulo (remainder).</summary>
    public static Column operator %(Column lhs, object? rhs) => lhs.Arith(ArithmeticOp.Remainder, rhs);

    /// <summary>Boolean AND.</summary>
    public static Column operator &(Column lhs, Column rhs) => lhs.And(rhs);

    /// <summary>Boolean OR.</summary>
    public static Column operator |(Column lhs, Column rhs) => lhs.Or(rhs);

    /// <summary>Inversion of boolean expression, i.e. NOT.</summary>
    public static Column operator !(Column self) => new(new NotExpr(self.Expr));

    /// <summary>Unary minus, i.e. negate the expression.</summary>
    public static Column operator -(Column self) => new(new NegateExpr(self.Expr));

    /// <summary>Equality test.</summary>
    public Column EqualTo(object? rhs) => this == rhs;

    /// <summary>Inequality test.</summary>
    public Column NotEqual(object? rhs) => this != rhs;

    /// <summary>Greater than.</summary>
    public Column Gt(object? rhs) => this > rhs;

    /// <summary>Less than.</summary>
    public Column Lt(object? rhs) => this < rhs;

    /// <summary>Greater than or equal to.</summary>
    public Column Geq(object? rhs) => this >= rhs;

    /// <summary>Less than or equal to.</summary>
    public Column Leq(object? rhs) => this <= rhs;

    /// <summary>Boolean AND.</summary>
    public Column And(Column other) => new(new LogicalExpr(true, Expr, other.Expr));

    /// <summary>Boolean OR.</summary>
    public Column Or(Column other) => new(new LogicalExpr(false, Expr, other.Expr));

    /// <summary>True if the current expression is null.</summary>
    public Column IsNull() => new(new IsNullExpr(Expr, false));

    /// <summary>True if the current expression is NOT null.</summary>
    public Column IsNotNull() => new(new IsNullExpr(Expr, true));

    private Column In<T>(T[] list) => new(new InExpr([Expr, .. list.Select(v => (Expr)Literal.FromObject(v))]));

    /// <summary>A boolean expression that is true if the value of this column is in the list.</summary>
    public Column IsIn(params string[] list) => In(list);

    /// <inheritdoc cref="IsIn(string[])"/>
    public Column IsIn(params int[] list) => In(list);

    /// <inheritdoc cref="IsIn(string[])"/>
    public Column IsIn(params long[] list) => In(list);

    /// <inheritdoc cref="IsIn(string[])"/>
    public Column IsIn(params bool[] list) => In(list);

    /// <inheritdoc cref="IsIn(string[])"/>
    public Column IsIn(params short[] list) => In(list);

    /// <inheritdoc cref="IsIn(string[])"/>
    public Column IsIn(params float[] list) => In(list);

    /// <inheritdoc cref="IsIn(string[])"/>
    public Column IsIn(params double[] list) => In(list);

    /// <inheritdoc cref="IsIn(string[])"/>
    public Column IsIn(params decimal[] list) => In(list);

    /// <summary>SQL like expression (% and _ wildcards).</summary>
    public Column Like(string literal) => new(new LikeExpr(Expr, literal, false));

    /// <summary>SQL RLIKE expression (LIKE with Regex).</summary>
    public Column RLike(string literal) => new(new LikeExpr(Expr, literal, true));

    /// <summary>An expression that returns a substring (1-based start position, length in characters).</summary>
    public Column SubStr(int startPos, int len) => Functions.Substring(this, startPos, len);

    /// <summary>Gives the column an alias.</summary>
    public Column Alias(string alias) => new(new Alias(Expr is Alias a ? a.Child : Expr, alias));

    /// <summary>Gives the column an alias. Same as Alias().</summary>
    public Column As(string alias) => Alias(alias);

    /// <summary>Gives the column a name. Same as Alias().</summary>
    public Column Name(string alias) => Alias(alias);

    /// <summary>Casts the column to a different data type, using the canonical string representation of the type ("int", "bigint", "double", "decimal(15,4)", "date", ...).</summary>
    public Column Cast(string to) => new(new CastExpr(Expr, TypeParser.Parse(to).ToColumnType()));

    /// <summary>Sort expression: ascending, nulls first.</summary>
    public Column Asc() => Order(true, true);

    /// <summary>Sort expression: descending, nulls last.</summary>
    public Column Desc() => Order(false, false);

    /// <summary>Sort expression: ascending, nulls first.</summary>
    public Column AscNullsFirst() => Order(true, true);

    /// <summary>Sort expression: ascending, nulls last.</summary>
    public Column AscNullsLast() => Order(true, false);

    /// <summary>Sort expression: descending, nulls first.</summary>
    public Column DescNullsFirst() => Order(false, true);

    /// <summary>Sort expression: descending, nulls last.</summary>
    public Column DescNullsLast() => Order(false, false);

    private Column Order(bool asc, bool nullsFirst) => new(new SortOrder(Expr is SortOrder s ? s.Child : Expr, asc, nullsFirst));

    /// <summary>Evaluates a list of conditions and returns one of multiple possible result expressions.</summary>
    public Column When(Column condition, object? value)
    {
        if (Expr is not CaseWhenExpr cw)
            throw new ArgumentException("when() can only be applied on a Column previously generated by when() function");
        return new(cw.AddBranch(condition.Expr, ToExpr(value)));
    }

    /// <summary>Evaluates a list of conditions and returns one of multiple possible result expressions; the value for unmatched conditions.</summary>
    public Column Otherwise(object? value)
    {
        if (Expr is not CaseWhenExpr cw)
            throw new ArgumentException("otherwise() can only be applied on a Column previously generated by when()");
        return new(cw.WithElse(ToExpr(value)));
    }

    /// <summary>Defines a windowing column.</summary>
    public Column Over(WindowSpec window) => new(new WindowExpr(Expr, window.PartitionExprs, window.OrderExprs, window.Frame));

    /// <summary>Defines an empty analytic clause: the window is all rows.</summary>
    public Column Over() => Over(new WindowSpec([], [], null));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    /// <inheritdoc/>
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    /// <inheritdoc/>
    public override string ToString() => Expr.PrettyName;
}
