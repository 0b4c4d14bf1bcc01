namespace Kindling.Plan.Expressions;

internal enum ArithmeticOp { Add, Subtract, Multiply, Divide, Remainder }
