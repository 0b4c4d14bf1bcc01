using Kindling.Execution.Operators.Aggregate;
using Kindling.Vectors;

namespace Kindling.Kernels.Aggregates;

/// <summary>Creates the typed state class for an aggregate call over an input schema.</summary>
internal static class AggregateStates
{
    public static AggregateState Create(AggregateCall call, Schema input, int degreeOfParallelism = 1)
    {
        int c = call.InputColumn;
        ColumnType type = c >= 0 ? input[c].Type : ColumnType.Null;
        ColumnType result = AggregateCall.ResultType(call.Function, type);
        if (type.Kind == TypeKind.Null && call.Function is not (AggregateFunction.CountAll or AggregateFunction.Count or AggregateFunction.CountDistinct
            or AggregateFunction.Min or AggregateFunction.Max or AggregateFunction.First or AggregateFunction.Last))
            return new AllNullState(result);
        switch (call.Function)
        {
            case AggregateFunction.CountAll: return new CountState(-1);
            case AggregateFunction.Count: return new CountState(c);
            case AggregateFunction.Sum:
                return type.Kind switch
                {
                    TypeKind.Decimal => new SumDecimalState(c, result, type.Scale, average: false),
                    TypeKind.Float32 or TypeKind.Float64 => new SumDoubleState(c),
                    _ => new SumInt64State(c),
                };
            case AggregateFunction.Avg:
                return type.Kind == TypeKind.Decimal ? new SumDecimalState(c, result, type.Scale, average: true) : new AvgDoubleState(c);
            case AggregateFunction.Min: return Pick(c, type, PickMode.Min, call.IgnoreNulls);
            case AggregateFunction.Max: return Pick(c, type, PickMode.Max, call.IgnoreNulls);
            case AggregateFunction.First: return Pick(c, type, PickMode.First, call.IgnoreNulls);
            case AggregateFunction.Last: return Pick(c, type, PickMode.Last, call.IgnoreNulls);
            case AggregateFunction.CountDistinct: return new DistinctState(c, result, sum: false);
            case AggregateFunction.SumDistinct: return new DistinctState(c, result, sum: true);
            case AggregateFunction.StddevSamp: return new MomentsState(c, sample: true, sqrt: true);
            case AggregateFunction.StddevPop: return new MomentsState(c, sample: false, sqrt: true);
            case AggregateFunction.VarianceSamp: return new MomentsState(c, sample: true, sqrt: false);
            case AggregateFunction.VariancePop: return new MomentsState(c, sample: false, sqrt: false);
            case AggregateFunction.Percentile: return new PercentileState(c, call.Percentage, interpolate: true, degreeOfParallelism);
            case AggregateFunction.PercentileApprox: return new PercentileState(c, call.Percentage, interpolate: false, degreeOfParallelism);
            case AggregateFunction.Corr: return new CorrState(c, call.SecondInputColumn);
            default: throw new NotSupportedException($"aggregate {call.Function} is not supported");
        }
    }

    private static AggregateState Pick(int column, ColumnType type, PickMode mode, bool ignoreNulls) => type.Kind switch
    {
        TypeKind.Boolean or TypeKind.Null => new PickState<byte>(column, type, mode, ignoreNulls),
        TypeKind.Int32 or TypeKind.Date => new PickState<int>(column, type, mode, ignoreNulls),
        TypeKind.Float32 => new PickState<float>(column, type, mode, ignoreNulls),
        TypeKind.Float64 => new PickState<double>(column, type, mode, ignoreNulls),
        TypeKind.Decimal when type.IsWideDecimal => new PickState<Int128>(column, type, mode, ignoreNulls),
        TypeKind.String or TypeKind.Binary => new StringPickState(column, type, mode, ignoreNulls),
        _ => new PickState<long>(column, type, mode, ignoreNulls),
    };
}
