using DogGan.Host.Store;

namespace DogGan.Bench;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["history"])
        {
            await Console.Error.WriteLineAsync("usage: DogGan.Bench history");
            return 2;
        }
        string root = Path.Combine("/tmp", $"doggan-bench-{Guid.NewGuid().ToString("N")[..8]}");
        EmbeddedPostgres cluster = EmbeddedPostgres.Start(root);
        try
        {
            return await HistoryBenchmark.RunAsync(cluster.ConnectionString);
        }
        finally
        {
            cluster.Stop();
            Directory.Delete(root, recursive: true);
        }
    }
}
