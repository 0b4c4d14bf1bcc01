namespace Kindling.Execution.Operators.Join;

/// <summary>The join kinds of Spark's DataFrame.Join.</summary>
internal enum JoinType
{
    Inner,
    LeftOuter,
    RightOuter,
    FullOuter,
    LeftSemi,
    LeftAnti,
    Cross,
}
