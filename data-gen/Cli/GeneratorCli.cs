using System.Diagnostics;
using System.Globalization;
using Kindling.DataGen.Generators;
using Kindling.DataGen.Model;

namespace Kindling.DataGen.Cli;

/// <summary>
/// The generator's command line: <c>init</c> and <c>daily</c>, their options, one-line errors and
/// exit codes (0 done, 1 failed while writing, 2 bad command line).
/// </summary>
internal static class GeneratorCli
{
    public const string Usage =
        "usage: kindling-data-gen init [options] | daily (--date D | --from D1 --to D2) [options]\n" +
        "options: --root PATH (./data)  --scale N (1)  --seed N (42)  --start-date YYYY-MM-DD (2024-01-01)\n" +
        "         --malformed-rate R (0.001)  --duplicate-rate R (0.005)  --stale-rate R (0.001)  --late-rate R (0.01)";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            (args.Length == 0 ? stderr : stdout).WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        try
        {
            var clock = Stopwatch.StartNew();
            var (command, options, from, to) = Parse(args);
            if (command == "init")
            {
                InitGenerator.Run(options);
                stdout.WriteLine($"init: wrote {Path.Combine(options.Root, "init")} (scale {options.Scale}, seed {options.Seed}) in {clock.Elapsed.TotalSeconds:F2} s");
            }
            else
            {
                DailyGenerator.Run(options, from, to);
                stdout.WriteLine($"daily: wrote {from:yyyy-MM-dd}..{to:yyyy-MM-dd} under {Path.Combine(options.Root, "raw")} (scale {options.Scale}, seed {options.Seed}) in {clock.Elapsed.TotalSeconds:F2} s");
            }
            return 0;
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"kindling-data-gen: {e.Message} (see --help)");
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"kindling-data-gen: cannot write output: {e.Message}");
            return 1;
        }
    }

    private static (string Command, GeneratorOptions Options, DateOnly From, DateOnly To) Parse(string[] args)
    {
        string command = args[0];
        if (command is not ("init" or "daily"))
            throw new UsageException($"unknown command '{command}'; expected 'init' or 'daily'");

        var options = new GeneratorOptions();
        DateOnly? date = null, from = null, to = null;
        for (int i = 1; i < args.Length; i += 2)
        {
            string name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
                throw new UsageException($"unexpected argument '{name}'");
            if (i + 1 >= args.Length)
                throw new UsageException($"option '{name}' needs a value");
            string value = args[i + 1];
            options = name switch
            {
                "--root" when value.Contains("://", StringComparison.Ordinal) => throw new UsageException(
                    $"--root '{value}': the generator writes to a local folder only; generate locally, then copy the folder to the bucket (aws s3 sync)"),
                "--root" => options with { Root = value },
                "--scale" => options with { Scale = ParseInt(name, value, 1, 100_000) },
                "--seed" => options with { Seed = ParseLong(name, value) },
                "--start-date" => options with { StartDate = ParseDate(name, value) },
                "--malformed-rate" => options with { MalformedRate = ParseRate(name, value) },
                "--duplicate-rate" => options with { DuplicateRate = ParseRate(name, value) },
                "--stale-rate" => options with { StaleRate = ParseRate(name, value) },
                "--late-rate" => options with { LateRate = ParseRate(name, value) },
                "--date" when command == "daily" => Assign(ref date, ParseDate(name, value), options),
                "--from" when command == "daily" => Assign(ref from, ParseDate(name, value), options),
                "--to" when command == "daily" => Assign(ref to, ParseDate(name, value), options),
                _ => throw new UsageException($"unknown option '{name}' for '{command}'"),
            };
        }

        if (command == "init")
            return (command, options, default, default);

        if (date is not null && (from is not null || to is not null))
            throw new UsageException("give either --date or --from/--to, not both");
        if (date is not null) from = to = date;
        if (from is null || to is null)
            throw new UsageException("daily needs --date D, or --from D1 and --to D2");
        if (to < from)
            throw new UsageException($"--to {to:yyyy-MM-dd} is before --from {from:yyyy-MM-dd}");
        if (from < options.StartDate)
            throw new UsageException($"date {from:yyyy-MM-dd} is before the start date {options.StartDate:yyyy-MM-dd}; daily feeds start on it");
        return (command, options, from.Value, to.Value);
    }

    private static GeneratorOptions Assign(ref DateOnly? target, DateOnly value, GeneratorOptions options)
    {
        target = value;
        return options;
    }

    private static int ParseInt(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v >= min && v <= max
            ? v : throw new UsageException($"{name} '{value}' must be a whole number from {min} to {max}");

    private static long ParseLong(string name, string value) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v)
            ? v : throw new UsageException($"{name} '{value}' must be a whole number");

    private static double ParseRate(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v is >= 0 and <= 0.5
            ? v : throw new UsageException($"{name} '{value}' must be a rate from 0 to 0.5 (0 turns the fault off)");

    private static DateOnly ParseDate(string name, string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : throw new UsageException($"{name} '{value}' is not a date in the form YYYY-MM-DD");
}
