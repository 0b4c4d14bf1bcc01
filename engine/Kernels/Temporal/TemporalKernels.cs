using System.Text;
using Kindling.Vectors;

namespace Kindling.Kernels.Temporal;

/// <summary>Date and timestamp functions over int epoch days / long epoch micros (UTC session time zone).</summary>
internal static class TemporalKernels
{
    public enum DatePart { Year, Month, Day, DayOfWeek, Quarter, WeekOfYear }

    public static PrimitiveVector<int> Extract(PrimitiveVector<int> dates, DatePart part)
    {
        int n = dates.Length;
        var r = new int[n];
        var x = dates.Values;
        for (int i = 0; i < n; i++)
        {
            if (dates.IsNull(i)) continue;
            var d = TemporalConstants.FromEpochDays(x[i]);
            r[i] = part switch
            {
                DatePart.Year => d.Year,
                DatePart.Month => d.Month,
                DatePart.Day => d.Day,
                DatePart.DayOfWeek => (int)d.DayOfWeek + 1, // Spark: 1 = Sunday
                DatePart.Quarter => (d.Month - 1) / 3 + 1,
                _ => System.Globalization.ISOWeek.GetWeekOfYear(d.ToDateTime(TimeOnly.MinValue)),
            };
        }
        return new PrimitiveVector<int>(ColumnType.Int32, r, n, dates.ValidityBits, dates.NullCount);
    }

    public enum TimePart { Hour, Minute, Second }

    public static PrimitiveVector<int> Extract(PrimitiveVector<long> ts, TimePart part)
    {
        int n = ts.Length;
        var r = new int[n];
        var x = ts.Values;
        for (int i = 0; i < n; i++)
        {
            long microsOfDay = ((x[i] % TemporalConstants.MicrosPerDay) + TemporalConstants.MicrosPerDay) % TemporalConstants.MicrosPerDay;
            long seconds = microsOfDay / TemporalConstants.MicrosPerSecond;
            r[i] = part switch
            {
                TimePart.Hour => (int)(seconds / 3600),
                TimePart.Minute => (int)(seconds / 60 % 60),
                _ => (int)(seconds % 60),
            };
        }
        return new PrimitiveVector<int>(ColumnType.Int32, r, n, ts.ValidityBits, ts.NullCount);
    }

    public static PrimitiveVector<int> AddDays(PrimitiveVector<int> dates, PrimitiveVector<int> days, bool subtract)
    {
        int n = dates.Length;
        var r = new int[n];
        var x = dates.Values;
        var y = days.Values;
        for (int i = 0; i < n; i++) r[i] = unchecked(subtract ? x[i] - y[i] : x[i] + y[i]);
        return new PrimitiveVector<int>(ColumnType.Date, r, n, Common.VectorKernels.AndValidity(dates.ValidityBits, days.ValidityBits, n));
    }

    public static PrimitiveVector<int> DateDiff(PrimitiveVector<int> end, PrimitiveVector<int> start)
    {
        int n = end.Length;
        var r = new int[n];
        var x = end.Values;
        var y = start.Values;
        for (int i = 0; i < n; i++) r[i] = x[i] - y[i];
        return new PrimitiveVector<int>(ColumnType.Int32, r, n, Common.VectorKernels.AndValidity(end.ValidityBits, start.ValidityBits, n));
    }

    public static PrimitiveVector<int> AddMonths(PrimitiveVector<int> dates, PrimitiveVector<int> months)
    {
        int n = dates.Length;
        var r = new int[n];
        var validity = Common.VectorKernels.AndValidity(dates.ValidityBits, months.ValidityBits, n);
        for (int i = 0; i < n; i++)
        {
            if (validity is not null && !Validity.IsValid(validity, i)) continue;
            // DateOnly.AddMonths clamps to the month's last day, as Spark does.
            r[i] = TemporalConstants.ToEpochDays(TemporalConstants.FromEpochDays(dates[i]).AddMonths(months[i]));
        }
        return new PrimitiveVector<int>(ColumnType.Date, r, n, validity);
    }

    public static PrimitiveVector<int> LastDay(PrimitiveVector<int> dates)
    {
        int n = dates.Length;
        var r = new int[n];
        for (int i = 0; i < n; i++)
        {
            if (dates.IsNull(i)) continue;
            var d = TemporalConstants.FromEpochDays(dates[i]);
            r[i] = TemporalConstants.ToEpochDays(new DateOnly(d.Year, d.Month, DateTime.DaysInMonth(d.Year, d.Month)));
        }
        return new PrimitiveVector<int>(ColumnType.Date, r, n, dates.ValidityBits, dates.NullCount);
    }

    public static StringVector Format(PrimitiveVector<long> ts, string pattern)
    {
        var tokens = TemporalFormat.Compile(pattern);
        var b = new StringVectorBuilder(ColumnType.String, ts.Length);
        for (int i = 0; i < ts.Length; i++)
        {
            if (ts.IsNull(i)) b.AppendNull();
            else b.Append(TemporalFormat.Format(ts[i], tokens));
        }
        return b.Build();
    }

    /// <summary>to_timestamp / unix_timestamp / to_date with a pattern: null when a value does not match.</summary>
    public static PrimitiveVector<long> Parse(StringVector s, string pattern)
    {
        var tokens = TemporalFormat.Compile(pattern);
        int n = s.Length;
        var r = new long[n];
        byte[]? validity = s.ValidityBits is null ? null : (byte[])s.ValidityBits.Clone();
        Span<char> chars = stackalloc char[256];
        for (int i = 0; i < n; i++)
        {
            if (s.IsNull(i)) continue;
            var bytes = s.GetBytes(i);
            if (bytes.Length <= chars.Length)
            {
                int len = Encoding.UTF8.GetChars(bytes, chars);
                if (TemporalFormat.TryParse(chars[..len], tokens, out r[i])) continue;
            }
            validity ??= Validity.AllValid(n);
            Validity.SetNull(validity, i);
        }
        return new PrimitiveVector<long>(ColumnType.Timestamp, r, n, validity);
    }

    /// <summary>date_trunc(unit, ts): YEAR, YYYY, YY, QUARTER, MONTH, MM, MON, WEEK, DAY, DD, HOUR, MINUTE, SECOND.</summary>
    public static PrimitiveVector<long> Truncate(PrimitiveVector<long> ts, string unit)
    {
        int n = ts.Length;
        var r = new long[n];
        byte[]? validity = ts.ValidityBits;
        string u = unit.ToUpperInvariant();
        for (int i = 0; i < n; i++)
        {
            if (ts.IsNull(i)) continue;
            long micros = ts[i];
            long day = (long)Math.Floor(micros / (double)TemporalConstants.MicrosPerDay);
            var d = TemporalConstants.FromEpochDays((int)day);
            r[i] = u switch
            {
                "YEAR" or "YYYY" or "YY" => Days(new DateOnly(d.Year, 1, 1)),
                "QUARTER" => Days(new DateOnly(d.Year, (d.Month - 1) / 3 * 3 + 1, 1)),
                "MONTH" or "MM" or "MON" => Days(new DateOnly(d.Year, d.Month, 1)),
                "WEEK" => Days(d.AddDays(-(((int)d.DayOfWeek + 6) % 7))),
                "DAY" or "DD" => day * TemporalConstants.MicrosPerDay,
                "HOUR" => FloorTo(micros, 3600 * TemporalConstants.MicrosPerSecond),
                "MINUTE" => FloorTo(micros, 60 * TemporalConstants.MicrosPerSecond),
                "SECOND" => FloorTo(micros, TemporalConstants.MicrosPerSecond),
                _ => long.MinValue,
            };
            if (r[i] == long.MinValue)
            {
                validity = validity is null ? Validity.AllValid(n) : (byte[])validity.Clone();
                Validity.SetNull(validity, i);
            }
        }
        return new PrimitiveVector<long>(ColumnType.Timestamp, r, n, validity);

        static long Days(DateOnly d) => TemporalConstants.ToEpochDays(d) * TemporalConstants.MicrosPerDay;
        static long FloorTo(long v, long unit) => (long)Math.Floor(v / (double)unit) * unit;
    }
}
