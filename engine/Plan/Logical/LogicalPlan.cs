using System.Text;
using Kindling.Plan.Expressions;
using Kindling.Vectors;

namespace Kindling.Plan.Logical;

/// <summary>
/// A node of the logical plan (Catalyst's LogicalPlan). Immutable. Output columns are attributes with
/// unique ids; parents refer to them by id. <see cref="NodeString"/> is the one EXPLAIN line.
/// </summary>
internal abstract class LogicalPlan
{
    public abstract IReadOnlyList<LogicalPlan> Children { get; }

    public abstract IReadOnlyList<AttributeRef> Output { get; }

    /// <summary>The expressions held by this node (for traversal and rewriting).</summary>
    public abstract IReadOnlyList<Expr> Expressions { get; }

    public abstract LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children);

    public abstract LogicalPlan WithExpressions(IReadOnlyList<Expr> expressions);

    public abstract string NodeString { get; }

    public Schema OutputSchema => new(Output.Select(a => a.ToField()).ToList());

    /// <summary>Rows this node produces when known cheaply (local data, ranges), for join ordering.</summary>
    public virtual long? EstimatedRows => null;

    public LogicalPlan TransformUp(Func<LogicalPlan, LogicalPlan> rule)
    {
        var node = this;
        if (Children.Count > 0)
        {
            var newChildren = Children.Select(c => c.TransformUp(rule)).ToArray();
            bool changed = false;
            for (int i = 0; i < newChildren.Length; i++) changed |= !ReferenceEquals(newChildren[i], Children[i]);
            if (changed) node = WithChildren(newChildren);
        }
        return rule(node);
    }

    public LogicalPlan TransformDown(Func<LogicalPlan, LogicalPlan> rule)
    {
        var node = rule(this);
        if (node.Children.Count == 0) return node;
        var newChildren = node.Children.Select(c => c.TransformDown(rule)).ToArray();
        bool changed = false;
        for (int i = 0; i < newChildren.Length; i++) changed |= !ReferenceEquals(newChildren[i], node.Children[i]);
        return changed ? node.WithChildren(newChildren) : node;
    }

    /// <summary>Rewrites every expression of every node bottom-up.</summary>
    public LogicalPlan TransformAllExpressions(Func<Expr, Expr> rule) =>
        TransformUp(p => p.MapExpressions(e => e.TransformUp(rule)));

    public LogicalPlan MapExpressions(Func<Expr, Expr> f)
    {
        var exprs = Expressions;
        if (exprs.Count == 0) return this;
        var mapped = exprs.Select(f).ToArray();
        for (int i = 0; i < mapped.Length; i++)
            if (!ReferenceEquals(mapped[i], exprs[i])) return WithExpressions(mapped);
        return this;
    }

    public IEnumerable<LogicalPlan> Descendants()
    {
        yield return this;
        foreach (var c in Children)
            foreach (var d in c.Descendants())
                yield return d;
    }

    public string TreeString()
    {
        var sb = new StringBuilder();
        Append(this, 0);
        return sb.ToString();

        void Append(LogicalPlan p, int depth)
        {
            if (depth > 0) sb.Append(' ', (depth - 1) * 3).Append("+- ");
            sb.Append(p.NodeString).Append('\n');
            foreach (var c in p.Children) Append(c, depth + 1);
        }
    }

    public override string ToString() => TreeString();

    protected static string List(IEnumerable<Expr> exprs) => "[" + string.Join(", ", exprs) + "]";
}
