namespace Kindling.Plan.Expressions;

internal enum ComparisonOp { Equal, NotEqual, LessThan, LessThanOrEqual, GreaterThan, GreaterThanOrEqual, EqualNullSafe }
