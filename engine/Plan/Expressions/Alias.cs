using Kindling.Vectors;

namespace Kindling.Plan.Expressions;

/// <summary>Names an expression's result: <c>expr AS name</c>. The id becomes the output attribute's id.</summary>
internal sealed class Alias(Expr child, string name, long id = 0) : Expr
{
    public Expr Child { get; } = child;

    public string Name { get; } = name;

    public long Id { get; } = id == 0 ? AttributeRef.NewId() : id;

    public override IReadOnlyList<Expr> Children => [Child];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => new Alias(children[0], Name, Id);

    public override ColumnType Type => Child.Type;

    public override bool Nullable => Child.Nullable;

    public override bool Foldable => false;

    public AttributeRef ToAttribute() => new(Name, Type, Nullable, Id);

    public override string ToString() => $"{Child} AS {Name}#{Id}";

    public override string PrettyName => Name;
}
