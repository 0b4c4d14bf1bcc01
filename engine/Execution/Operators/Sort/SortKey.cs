namespace Kindling.Execution.Operators.Sort;

/// <summary>One sort key: a column, its direction and where its nulls go.</summary>
internal sealed record SortKey(int Column, bool Ascending = true, bool NullsFirst = true);
