namespace Kindling.DataGen.Tests.Support;

/// <summary>Generated once per test run and shared: init plus several days at two scales.</summary>
internal static class Datasets
{
    public static readonly DateOnly Start = new(2024, 1, 1);

    private static readonly Lazy<GeneratedDataset> Scale1 = new(() => GeneratedDataset.Create(scale: 1, days: 5));
    private static readonly Lazy<GeneratedDataset> Scale2 = new(() => GeneratedDataset.Create(scale: 2, days: 3));

    public static GeneratedDataset Get(int scale) => scale == 1 ? Scale1.Value : Scale2.Value;
}

/// <summary>A dataset written by the generator's command line into a temp folder (left for the OS to clean: shared by tests).</summary>
internal sealed record GeneratedDataset(string Root, int Scale, DateOnly[] Days)
{
    public static GeneratedDataset Create(int scale, int days)
    {
        string root = Path.Combine(Path.GetTempPath(), $"kindling-datagen-shared-{scale}-{Guid.NewGuid():N}");
        // Faults at higher rates than the defaults so that every category shows up in a few days.
        string[] rates = ["--malformed-rate", "0.01", "--duplicate-rate", "0.01", "--stale-rate", "0.05", "--late-rate", "0.02"];
        Generate.Ok(["init", "--root", root, "--scale", scale.ToString(), .. rates]);
        var last = Datasets.Start.AddDays(days - 1);
        Generate.Ok(["daily", "--root", root, "--scale", scale.ToString(), "--from", "2024-01-01", "--to", last.ToString("yyyy-MM-dd"), .. rates]);
        var list = new DateOnly[days];
        for (int i = 0; i < days; i++) list[i] = Datasets.Start.AddDays(i);
        return new GeneratedDataset(root, scale, list);
    }

    public string Init(string file) => Path.Combine(Root, "init", file);

    public string Raw(DateOnly day, string file) => Path.Combine(Root, "raw", "dt=" + day.ToString("yyyy-MM-dd"), file);
}
