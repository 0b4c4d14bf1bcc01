namespace Kindling.Jobs;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.Error.WriteLine("kindling-jobs: no jobs are implemented yet; use `./spark-submit.sh data-gen ...`.");
        return 2;
    }
}
