using Kindling.Vectors;

namespace Kindling.Execution.Operators.Aggregate;

/// <summary>One aggregate of a hash aggregate: the function, its input column(s) and its output name.</summary>
/// <param name="Percentage">The percentile (0 to 1) that percentile functions compute.</param>
internal sealed record AggregateCall(AggregateFunction Function, int InputColumn, string OutputName, int SecondInputColumn = -1, bool IgnoreNulls = true,
    double Percentage = 0.5)
{
    /// <summary>Spark's result type of <paramref name="function"/> over <paramref name="input"/>.</summary>
    public static ColumnType ResultType(AggregateFunction function, ColumnType input)
    {
        switch (function)
        {
            case AggregateFunction.Count or AggregateFunction.CountAll or AggregateFunction.CountDistinct:
                return ColumnType.Int64;
            case AggregateFunction.Sum or AggregateFunction.SumDistinct:
                return input.Kind switch
                {
                    TypeKind.Decimal => ColumnType.Decimal(Math.Min(ColumnType.MaxDecimalPrecision, input.Precision + 10), input.Scale),
                    TypeKind.Float32 or TypeKind.Float64 => ColumnType.Float64,
                    TypeKind.Int32 or TypeKind.Int64 or TypeKind.Null => ColumnType.Int64,
                    _ => throw new ArgumentException($"{function.ToString().ToLowerInvariant()} needs a numeric input, not {input}"),
                };
            case AggregateFunction.Avg:
                if (input.Kind == TypeKind.Decimal)
                    return ColumnType.Decimal(Math.Min(ColumnType.MaxDecimalPrecision, input.Precision + 4), Math.Min(ColumnType.MaxDecimalPrecision, input.Scale + 4));
                RequireNumeric(function, input);
                return ColumnType.Float64;
            case AggregateFunction.StddevSamp or AggregateFunction.StddevPop or AggregateFunction.VarianceSamp
                or AggregateFunction.VariancePop or AggregateFunction.Percentile or AggregateFunction.PercentileApprox or AggregateFunction.Corr:
                RequireNumeric(function, input);
                return ColumnType.Float64;
            default:
                return input;
        }
    }

    private static void RequireNumeric(AggregateFunction function, ColumnType input)
    {
        if (input.Kind is not (TypeKind.Int32 or TypeKind.Int64 or TypeKind.Float32 or TypeKind.Float64 or TypeKind.Decimal or TypeKind.Null))
            throw new ArgumentException($"{function.ToString().ToLowerInvariant()} needs a numeric input, not {input}");
    }

    public override string ToString()
    {
        string name = Function.ToString().ToLowerInvariant();
        string args = Function switch
        {
            AggregateFunction.CountAll => "*",
            AggregateFunction.Corr => $"#{InputColumn}, #{SecondInputColumn}",
            _ => $"#{InputColumn}",
        };
        return $"{name}({args}) AS {OutputName}";
    }
}
