namespace Kindling.DataGen;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.Error.WriteLine("kindling-data-gen: not implemented yet");
        return 2;
    }
}
