using Kindling.Kernels.Common;
using Kindling.Kernels.Comparison;
using Kindling.Vectors;

namespace Kindling.Kernels.Conditional;

/// <summary>CASE WHEN, COALESCE, GREATEST/LEAST: pick each row's value from one of several same-typed vectors.</summary>
internal static class ConditionalKernels
{
    /// <summary>Row i takes <c>sources[choice[i]][i]</c>; a choice of -1 gives null.</summary>
    public static ColumnVector Choose(ColumnType type, IReadOnlyList<ColumnVector> sources, ReadOnlySpan<int> choice)
    {
        int n = choice.Length;
        var plain = new ColumnVector[sources.Count];
        for (int s = 0; s < plain.Length; s++) plain[s] = VectorKernels.Decode(sources[s]);
        if (type.Kind == TypeKind.Array && plain.Length > 0) return ChooseLists(type, plain, choice);
        if (type.IsVariableWidth)
        {
            var b = new StringVectorBuilder(type, n);
            for (int i = 0; i < n; i++)
            {
                int c = choice[i];
                if (c < 0 || plain[c].IsNull(i)) b.AppendNull();
                else b.Append(((StringVector)plain[c]).GetBytes(i));
            }
            return b.Build();
        }
        return plain.Length == 0 || plain[0] is PrimitiveVector<byte> && type.Kind == TypeKind.Null
            ? VectorKernels.Nulls(type, n)
            : plain[0] switch
            {
                PrimitiveVector<byte> => ChooseT<byte>(type, plain, choice),
                PrimitiveVector<int> => ChooseT<int>(type, plain, choice),
                PrimitiveVector<long> => ChooseT<long>(type, plain, choice),
                PrimitiveVector<float> => ChooseT<float>(type, plain, choice),
                PrimitiveVector<double> => ChooseT<double>(type, plain, choice),
                PrimitiveVector<Int128> => ChooseT<Int128>(type, plain, choice),
                _ => throw new InvalidOperationException($"internal error: cannot choose {type}"),
            };
    }

    /// <summary>Arrays are gathered whole: row i comes from row i of its chosen source.</summary>
    private static ColumnVector ChooseLists(ColumnType type, ColumnVector[] sources, ReadOnlySpan<int> choice)
    {
        int n = choice.Length;
        var sourceIndex = new int[n];
        var rows = new int[n];
        for (int i = 0; i < n; i++)
        {
            sourceIndex[i] = Math.Max(choice[i], 0);
            rows[i] = choice[i] < 0 ? -1 : i;
        }
        return Selection.VectorConcat.Gather(type, sources, sourceIndex, rows);
    }

    private static PrimitiveVector<T> ChooseT<T>(ColumnType type, ColumnVector[] sources, ReadOnlySpan<int> choice) where T : unmanaged
    {
        int n = choice.Length;
        var values = new T[n];
        byte[]? validity = null;
        for (int i = 0; i < n; i++)
        {
            int c = choice[i];
            if (c >= 0 && sources[c] is PrimitiveVector<T> v && v.IsValid(i)) { values[i] = v[i]; continue; }
            validity ??= Validity.AllValid(n);
            Validity.SetNull(validity, i);
        }
        return new PrimitiveVector<T>(type, values, n, validity);
    }

    /// <summary>CASE WHEN: the first branch whose condition is true, else the ELSE value (index = branch count), else null.</summary>
    public static int[] CaseChoice(IReadOnlyList<PrimitiveVector<byte>> conditions, bool hasElse, int n)
    {
        var choice = new int[n];
        choice.AsSpan().Fill(hasElse ? conditions.Count : -1);
        var decided = new bool[n];
        for (int b = 0; b < conditions.Count; b++)
        {
            var c = conditions[b];
            var x = c.Values;
            for (int i = 0; i < n; i++)
            {
                if (decided[i] || x[i] == 0 || c.IsNull(i)) continue;
                choice[i] = b;
                decided[i] = true;
            }
        }
        return choice;
    }

    /// <summary>COALESCE: the first non-null argument per row.</summary>
    public static int[] CoalesceChoice(IReadOnlyList<ColumnVector> args, int n)
    {
        var choice = new int[n];
        for (int i = 0; i < n; i++)
        {
            choice[i] = -1;
            for (int a = 0; a < args.Count; a++)
                if (args[a].Type.Kind != TypeKind.Null && args[a].IsValid(i)) { choice[i] = a; break; }
        }
        return choice;
    }

    /// <summary>GREATEST/LEAST: the largest/smallest non-null argument per row (null only when all are null).</summary>
    public static int[] ExtremeChoice(IReadOnlyList<ColumnVector> args, bool greatest, int n)
    {
        var choice = CoalesceChoice(args, n);
        for (int a = 1; a < args.Count; a++)
        {
            var cmp = ComparisonKernels.Compare(greatest ? Plan.Expressions.ComparisonOp.GreaterThan : Plan.Expressions.ComparisonOp.LessThan,
                args[a], Choose(args[a].Type, args, choice));
            var x = cmp.Values;
            for (int i = 0; i < n; i++)
            {
                if (args[a].IsNull(i)) continue;
                if (choice[i] < 0 || (cmp.IsValid(i) && x[i] == 1)) choice[i] = a;
            }
        }
        return choice;
    }
}
