using Kindling.Vectors;

namespace Kindling.Plan.Expressions;

/// <summary>
/// A node of the typed expression tree (Catalyst's Expression). Immutable; <see cref="ToString"/> is SQL-like.
/// Unresolved nodes (names, functions) exist only between the public API and the analyzer.
/// </summary>
internal abstract class Expr
{
    public abstract IReadOnlyList<Expr> Children { get; }

    /// <summary>A copy of this node with new children (same count and order).</summary>
    public abstract Expr WithChildren(IReadOnlyList<Expr> children);

    /// <summary>The result type; only valid once <see cref="Resolved"/>.</summary>
    public abstract ColumnType Type { get; }

    public virtual bool Nullable
    {
        get
        {
            foreach (var c in Children) if (c.Nullable) return true;
            return false;
        }
    }

    public virtual bool Resolved
    {
        get
        {
            foreach (var c in Children) if (!c.Resolved) return false;
            return true;
        }
    }

    /// <summary>True when the value can be computed once at planning time (constant folding).</summary>
    public virtual bool Foldable
    {
        get
        {
            if (Children.Count == 0) return false;
            foreach (var c in Children) if (!c.Foldable) return false;
            return true;
        }
    }

    /// <summary>Rewrites the tree bottom-up: children first, then <paramref name="rule"/> on the rebuilt node.</summary>
    public Expr TransformUp(Func<Expr, Expr> rule)
    {
        Expr node = this;
        if (Children.Count > 0)
        {
            Expr[]? changed = null;
            for (int i = 0; i < Children.Count; i++)
            {
                var c = Children[i].TransformUp(rule);
                if (!ReferenceEquals(c, Children[i]))
                {
                    changed ??= [.. Children];
                    changed[i] = c;
                }
            }
            if (changed is not null) node = WithChildren(changed);
        }
        return rule(node);
    }

    /// <summary>Rewrites top-down: when <paramref name="rule"/> returns a different node its children are not visited.</summary>
    public Expr TransformDown(Func<Expr, Expr> rule)
    {
        var node = rule(this);
        if (!ReferenceEquals(node, this)) return node;
        if (Children.Count == 0) return this;
        Expr[]? changed = null;
        for (int i = 0; i < Children.Count; i++)
        {
            var c = Children[i].TransformDown(rule);
            if (!ReferenceEquals(c, Children[i]))
            {
                changed ??= [.. Children];
                changed[i] = c;
            }
        }
        return changed is null ? this : WithChildren(changed);
    }

    /// <summary>This node and all descendants, pre-order.</summary>
    public IEnumerable<Expr> Descendants()
    {
        yield return this;
        foreach (var c in Children)
            foreach (var d in c.Descendants())
                yield return d;
    }

    public bool Any(Func<Expr, bool> predicate)
    {
        if (predicate(this)) return true;
        foreach (var c in Children) if (c.Any(predicate)) return true;
        return false;
    }

    /// <summary>The attributes this expression reads.</summary>
    public IEnumerable<AttributeRef> References() => Descendants().OfType<AttributeRef>();

    /// <summary>The name Spark gives a column computed by this expression (its SQL text, without ids).</summary>
    public virtual string PrettyName => ToString();

    public abstract override string ToString();

    protected static Expr[] Args(IReadOnlyList<Expr> children, int count)
    {
        if (children.Count != count) throw new ArgumentException($"expected {count} children, got {children.Count}");
        return [.. children];
    }
}
