using Kindling.Plan.Expressions;

namespace Kindling.Sql;

/// <summary>Functions available for DataFrame operations.</summary>
public static class Functions
{
    /// <summary>Returns a Column based on the given column name.</summary>
    public static Column Col(string columnName) => new Column(new UnresolvedAttribute(columnName));

    /// <summary>Returns a Column based on the given column name.</summary>
    public static Column Column(string columnName) => Col(columnName);

    /// <summary>Creates a Column of literal value.</summary>
    public static Column Lit(object? literal) => literal is Column c ? c : new Column(Literal.FromObject(literal));

    /// <summary>Parses the expression string into the column that it represents, e.g. Expr("length(name)").</summary>
    public static Column Expr(string expr) => new Column(SqlText.ParseSimpleExpression(expr));

    /// <summary>Returns the sum of all values in the expression.</summary>
    public static Column Sum(Column column) => new Column(new UnresolvedFunction("sum", [column.Expr]));

    /// <summary>Returns the sum of all values in the expression.</summary>
    public static Column Sum(string columnName) => Sum(Col(columnName));

    /// <summary>Returns the average of the values in a group.</summary>
    public static Column Avg(Column column) => new Column(new UnresolvedFunction("avg", [column.Expr]));

    /// <summary>Returns the average of the values in a group.</summary>
    public static Column Avg(string columnName) => Avg(Col(columnName));

    /// <summary>Returns the minimum value of the expression in a group.</summary>
    public static Column Min(Column column) => new Column(new UnresolvedFunction("min", [column.Expr]));

    /// <summary>Returns the minimum value of the expression in a group.</summary>
    public static Column Min(string columnName) => Min(Col(columnName));

    /// <summary>Returns the maximum value of the expression in a group.</summary>
    public static Column Max(Column column) => new Column(new UnresolvedFunction("max", [column.Expr]));

    /// <summary>Returns the maximum value of the expression in a group.</summary>
    public static Column Max(string columnName) => Max(Col(columnName));

    /// <summary>Returns the number of items in a group (count("*") counts all rows).</summary>
    public static Column Count(Column column) => new Column(new UnresolvedFunction("count", [column.Expr is UnresolvedAttribute { IsStar: true } ? Literal.FromObject(1) : column.Expr]));

    /// <summary>Returns the number of items in a group.</summary>
    public static Column Count(string columnName) => Count(Col(columnName));

    /// <summary>Returns the number of distinct items in a group.</summary>
    public static Column CountDistinct(Column column, params Column[] columns) => new Column(new UnresolvedFunction("count", [column.Expr, .. columns.Select(c => c.Expr)], distinct: true));

    /// <summary>Returns the number of distinct items in a group.</summary>
    public static Column CountDistinct(string columnName, params string[] columnNames) => CountDistinct(Col(columnName), [.. columnNames.Select(Col)]);

    /// <summary>Returns the first value of a column in a group (the first non-null when ignoreNulls).</summary>
    public static Column First(Column column, bool ignoreNulls = false) => new Column(new UnresolvedFunction("first", ignoreNulls ? [column.Expr, Literal.True] : [column.Expr]));

    /// <summary>Returns the last value of a column in a group (the last non-null when ignoreNulls).</summary>
    public static Column Last(Column column, bool ignoreNulls = false) => new Column(new UnresolvedFunction("last", ignoreNulls ? [column.Expr, Literal.True] : [column.Expr]));

    /// <summary>Evaluates a list of conditions and returns one of multiple possible result expressions; unmatched conditions give null unless Otherwise is used.</summary>
    public static Column When(Column condition, object? value) => new Column(new CaseWhenExpr([condition.Expr, Sql.Column.ToExpr(value)], false));

    /// <summary>Returns the first column that is not null, or null if all inputs are null.</summary>
    public static Column Coalesce(params Column[] columns) => new Column(new UnresolvedFunction("coalesce", [.. columns.Select(c => c.Expr)]));

    /// <summary>Return true if the column is null.</summary>
    public static Column IsNull(Column column) => new Column(new IsNullExpr(column.Expr, false));

    /// <summary>Returns the value of the column rounded to 0 decimal places with HALF_UP round mode.</summary>
    public static Column Round(Column column) => Round(column, 0);

    /// <summary>Rounds the value to scale decimal places with HALF_UP round mode.</summary>
    public static Column Round(Column column, int scale) => new Column(new UnresolvedFunction("round", [column.Expr, Literal.FromObject(scale)]));

    /// <summary>Computes the absolute value.</summary>
    public static Column Abs(Column column) => new Column(new UnresolvedFunction("abs", [column.Expr]));

    /// <summary>Converts the column into DateType by casting rules to DateType.</summary>
    public static Column ToDate(Column column) => new Column(new UnresolvedFunction("to_date", [column.Expr]));

    /// <summary>Converts the column into a DateType with a specified format (null when it does not parse).</summary>
    public static Column ToDate(Column column, string format) => new Column(new UnresolvedFunction("to_date", [column.Expr, Literal.FromObject(format)]));

    /// <summary>Converts to a timestamp by casting rules to TimestampType.</summary>
    public static Column ToTimestamp(Column column) => new Column(new UnresolvedFunction("to_timestamp", [column.Expr]));

    /// <summary>Converts time string with the given pattern to timestamp (null when it does not parse).</summary>
    public static Column ToTimestamp(Column column, string format) => new Column(new UnresolvedFunction("to_timestamp", [column.Expr, Literal.FromObject(format)]));

    /// <summary>Converts a date/timestamp/string to a value of string in the format specified by the date format given by the second argument.</summary>
    public static Column DateFormat(Column dateExpr, string format) => new Column(new UnresolvedFunction("date_format", [dateExpr.Expr, Literal.FromObject(format)]));

    /// <summary>Returns timestamp truncated to the unit specified by the format.</summary>
    public static Column DateTrunc(string format, Column column) => new Column(new UnresolvedFunction("date_trunc", [Literal.FromObject(format), column.Expr]));

    /// <summary>Extracts the year as an integer from a given date/timestamp/string.</summary>
    public static Column Year(Column column) => new Column(new UnresolvedFunction("year", [column.Expr]));

    /// <summary>Extracts the month as an integer from a given date/timestamp/string.</summary>
    public static Column Month(Column column) => new Column(new UnresolvedFunction("month", [column.Expr]));

    /// <summary>Extracts the day of the month as an integer from a given date/timestamp/string.</summary>
    public static Column DayOfMonth(Column column) => new Column(new UnresolvedFunction("dayofmonth", [column.Expr]));

    /// <summary>Extracts the hours as an integer from a given date/timestamp/string.</summary>
    public static Column Hour(Column column) => new Column(new UnresolvedFunction("hour", [column.Expr]));

    /// <summary>Extracts the minutes as an integer from a given date/timestamp/string.</summary>
    public static Column Minute(Column column) => new Column(new UnresolvedFunction("minute", [column.Expr]));

    /// <summary>Extracts the seconds as an integer from a given date/timestamp/string.</summary>
    public static Column Second(Column column) => new Column(new UnresolvedFunction("second", [column.Expr]));

    /// <summary>Extracts the day of the week (1 = Sunday) as an integer from a given date/timestamp/string.</summary>
    public static Column DayOfWeek(Column column) => new Column(new UnresolvedFunction("dayofweek", [column.Expr]));

    /// <summary>Extracts the quarter as an integer from a given date/timestamp/string.</summary>
    public static Column Quarter(Column column) => new Column(new UnresolvedFunction("quarter", [column.Expr]));

    /// <summary>Extracts the week number (ISO 8601) as an integer from a given date/timestamp/string.</summary>
    public static Column WeekOfYear(Column column) => new Column(new UnresolvedFunction("weekofyear", [column.Expr]));

    /// <summary>Returns the current date (UTC) as a date column.</summary>
    public static Column CurrentDate() => new Column(new UnresolvedFunction("current_date", []));

    /// <summary>Converts time string in format yyyy-MM-dd HH:mm:ss to Unix timestamp (in seconds).</summary>
    public static Column UnixTimestamp(Column column) => new Column(new UnresolvedFunction("unix_timestamp", [column.Expr]));

    /// <summary>Converts time string with given format to Unix timestamp (in seconds).</summary>
    public static Column UnixTimestamp(Column column, string format) => new Column(new UnresolvedFunction("unix_timestamp", [column.Expr, Literal.FromObject(format)]));

    /// <summary>Extracts a specific group matched by a regex from the specified string column ("" when no match).</summary>
    public static Column RegexpExtract(Column column, string exp, int groupIdx) => new Column(new UnresolvedFunction("regexp_extract", [column.Expr, Literal.FromObject(exp), Literal.FromObject(groupIdx)]));

    /// <summary>Replaces all substrings of the specified string value that match the pattern with the given replacement.</summary>
    public static Column RegexpReplace(Column column, string pattern, string replacement) => new Column(new UnresolvedFunction("regexp_replace", [column.Expr, Literal.FromObject(pattern), Literal.FromObject(replacement)]));

    /// <summary>Splits string with a regular expression pattern (Java syntax), keeping trailing empty strings (limit -1).</summary>
    public static Column Split(Column column, string pattern) => new Column(new UnresolvedFunction("split", [column.Expr, Literal.FromObject(pattern), Literal.FromObject(-1)]));

    /// <summary>Returns the substring that starts at pos (1-based) and is of length len.</summary>
    public static Column Substring(Column column, int pos, int len) => new Column(new UnresolvedFunction("substring", [column.Expr, Literal.FromObject(pos), Literal.FromObject(len)]));

    /// <summary>Concatenates multiple input columns together into a single column (null if any input is null).</summary>
    public static Column Concat(params Column[] columns) => new Column(new UnresolvedFunction("concat", [.. columns.Select(c => c.Expr)]));

    /// <summary>Concatenates multiple input string columns together into a single string column, using the given separator (skipping nulls).</summary>
    public static Column ConcatWs(string sep, params Column[] columns) => new Column(new UnresolvedFunction("concat_ws", [Literal.FromObject(sep), .. columns.Select(c => c.Expr)]));

    /// <summary>Trim the spaces from both ends for the specified string column.</summary>
    public static Column Trim(Column column) => new Column(new UnresolvedFunction("trim", [column.Expr]));

    /// <summary>Converts a string column to lower case.</summary>
    public static Column Lower(Column column) => new Column(new UnresolvedFunction("lower", [column.Expr]));

    /// <summary>Converts a string column to upper case.</summary>
    public static Column Upper(Column column) => new Column(new UnresolvedFunction("upper", [column.Expr]));

    /// <summary>Computes the character length of a given string or number of bytes of a binary string.</summary>
    public static Column Length(Column column) => new Column(new UnresolvedFunction("length", [column.Expr]));

    /// <summary>Calculates the MD5 digest and returns the value as a 32 character hex string.</summary>
    public static Column Md5(Column column) => new Column(new UnresolvedFunction("md5", [column.Expr]));

    /// <summary>Calculates the cyclic redundancy check value (CRC32) of a binary column and returns the value as a bigint.</summary>
    public static Column Crc32(Column column) => new Column(new UnresolvedFunction("crc32", [column.Expr]));

    /// <summary>Computes the floor of the given value.</summary>
    public static Column Floor(Column column) => new Column(new UnresolvedFunction("floor", [column.Expr]));

    /// <summary>Computes the ceiling of the given value.</summary>
    public static Column Ceil(Column column) => new Column(new UnresolvedFunction("ceil", [column.Expr]));

    /// <summary>Computes the square root of the specified float value.</summary>
    public static Column Sqrt(Column column) => new Column(new UnresolvedFunction("SQRT", [column.Expr]));

    /// <summary>Given a date column, returns the last day of the month which the given date belongs to.</summary>
    public static Column LastDay(Column column) => new Column(new UnresolvedFunction("last_day", [column.Expr]));

    /// <summary>Calculates the SHA-2 family of hash functions of a binary column and returns the value as a hex string.</summary>
    public static Column Sha2(Column column, int numBits) => new Column(new UnresolvedFunction("sha2", [column.Expr, Literal.FromObject(numBits)]));

    /// <summary>Calculates the hash code of given columns, and returns the result as an int column.</summary>
    public static Column Hash(params Column[] columns) => new Column(new UnresolvedFunction("hash", [.. columns.Select(c => c.Expr)]));

    /// <summary>Calculates the hash code of given columns using the 64-bit variant of the xxHash algorithm.</summary>
    public static Column XXHash64(params Column[] columns) => new Column(new UnresolvedFunction("xxhash64", [.. columns.Select(c => c.Expr)]));

    /// <summary>Window function: returns a sequential number starting at 1 within a window partition.</summary>
    public static Column RowNumber() => new Column(new UnresolvedFunction("row_number", []));

    /// <summary>Window function: returns the rank of rows within a window partition (with gaps).</summary>
    public static Column Rank() => new Column(new UnresolvedFunction("rank", []));

    /// <summary>Window function: returns the rank of rows within a window partition, without any gaps.</summary>
    public static Column DenseRank() => new Column(new UnresolvedFunction("dense_rank", []));

    /// <summary>Window function: returns the relative rank (i.e. percentile) of rows within a window partition.</summary>
    public static Column PercentRank() => new Column(new UnresolvedFunction("percent_rank", []));

    /// <summary>Window function: returns the cumulative distribution of values within a window partition.</summary>
    public static Column CumeDist() => new Column(new UnresolvedFunction("cume_dist", []));

    /// <summary>Window function: returns the ntile group id (from 1 to n inclusive) in an ordered window partition.</summary>
    public static Column Ntile(int n) => new Column(new UnresolvedFunction("ntile", [Literal.FromObject(n)]));

    /// <summary>Window function: returns the value that is offset rows before the current row, and defaultValue if there is less than offset rows before the current row.</summary>
    public static Column Lag(Column column, int offset, object? defaultValue = null) => new Column(new UnresolvedFunction("lag", [column.Expr, Literal.FromObject(offset), Literal.FromObject(defaultValue)]));

    /// <summary>Window function: returns the value that is offset rows after the current row, and defaultValue if there is less than offset rows after the current row.</summary>
    public static Column Lead(Column column, int offset, object? defaultValue = null) => new Column(new UnresolvedFunction("lead", [column.Expr, Literal.FromObject(offset), Literal.FromObject(defaultValue)]));

    /// <summary>Returns the Pearson Correlation Coefficient for two columns.</summary>
    public static Column Corr(Column column1, Column column2) => new Column(new UnresolvedFunction("corr", [column1.Expr, column2.Expr]));

    /// <summary>Alias for StddevSamp.</summary>
    public static Column Stddev(Column column) => new Column(new UnresolvedFunction("stddev", [column.Expr]));

    /// <summary>Returns the sample standard deviation of the expression in a group.</summary>
    public static Column StddevSamp(Column column) => new Column(new UnresolvedFunction("stddev_samp", [column.Expr]));

    /// <summary>Alias for VarSamp: the unbiased variance of the values in a group.</summary>
    public static Column Variance(Column column) => new Column(new UnresolvedFunction("variance", [column.Expr]));

    /// <summary>Returns the approximate number of distinct items in a group (computed exactly by this engine).</summary>
    public static Column ApproxCountDistinct(Column column) => new Column(new UnresolvedFunction("approx_count_distinct", [column.Expr]));

    /// <summary>Returns the approximate percentile of the numeric column (the median, percentage 0.5, is supported).</summary>
    public static Column PercentileApprox(Column column, Column percentage, Column accuracy) => new Column(new UnresolvedFunction("percentile_approx", [column.Expr, percentage.Expr, accuracy.Expr]));

    /// <summary>Returns the greatest value of the list of values, skipping null values.</summary>
    public static Column Greatest(params Column[] columns) => new Column(new UnresolvedFunction("greatest", [.. columns.Select(c => c.Expr)]));

    /// <summary>Returns the least value of the list of values, skipping null values.</summary>
    public static Column Least(params Column[] columns) => new Column(new UnresolvedFunction("least", [.. columns.Select(c => c.Expr)]));

    /// <summary>Returns the value of the first argument raised to the power of the second argument.</summary>
    public static Column Pow(Column left, double right) => new Column(new UnresolvedFunction("POWER", [left.Expr, Literal.FromObject(right)]));

    /// <summary>Returns the date that is days days after start.</summary>
    public static Column DateAdd(Column start, int days) => new Column(new UnresolvedFunction("date_add", [start.Expr, Literal.FromObject(days)]));

    /// <summary>Returns the date that is days days before start.</summary>
    public static Column DateSub(Column start, int days) => new Column(new UnresolvedFunction("date_sub", [start.Expr, Literal.FromObject(days)]));

    /// <summary>Returns the number of days from start to end.</summary>
    public static Column DateDiff(Column end, Column start) => new Column(new UnresolvedFunction("datediff", [end.Expr, start.Expr]));

    /// <summary>Returns the date that is numMonths after startDate.</summary>
    public static Column AddMonths(Column startDate, int numMonths) => new Column(new UnresolvedFunction("add_months", [startDate.Expr, Literal.FromObject(numMonths)]));

    /// <summary>Converts the number of seconds from unix epoch (1970-01-01 00:00:00 UTC) to a string in the yyyy-MM-dd HH:mm:ss format.</summary>
    public static Column FromUnixTime(Column column) => new Column(new UnresolvedFunction("from_unixtime", [column.Expr]));

    /// <summary>Converts the number of seconds from unix epoch to a string in the given format.</summary>
    public static Column FromUnixTime(Column column, string format) => new Column(new UnresolvedFunction("from_unixtime", [column.Expr, Literal.FromObject(format)]));

    /// <summary>Left-pad the string column with pad to a length of len.</summary>
    public static Column Lpad(Column column, int len, string pad) => new Column(new UnresolvedFunction("lpad", [column.Expr, Literal.FromObject(len), Literal.FromObject(pad)]));

    /// <summary>Locate the position of the first occurrence of the given substring (1-based; 0 when absent).</summary>
    public static Column Instr(Column column, string substring) => new Column(new UnresolvedFunction("instr", [column.Expr, Literal.FromObject(substring)]));

    /// <summary>Translate any characters that match with the given matchingString in the column by the given replaceString.</summary>
    public static Column Translate(Column column, string matchingString, string replaceString) => new Column(new UnresolvedFunction("translate", [column.Expr, Literal.FromObject(matchingString), Literal.FromObject(replaceString)]));
}
