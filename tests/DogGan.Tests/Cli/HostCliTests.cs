using DogGan.Tests.Store;

namespace DogGan.Tests.Cli;

/// <summary>The command line as a user meets it: exit codes and one-line errors.</summary>
[Collection(PostgresCollection.Name)]
public sealed class HostCliTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Plugins_BuiltInFolder_ListsEveryPluginWithItsAssembly()
    {
        var (exit, stdout, stderr) = await HostProcess.RunAsync(["plugins"]);

        Assert.True(exit == 0, stderr);
        foreach (string name in new[] { "top-left", "top-right", "padded-box", "centred-context", "full-image",
                     "hard-margin", "bce", "ema", "swa", "none", "dcgan", "dcgan-classic", "pixel-proxy",
                     "torchscript" })
        {
            Assert.Contains(name, stdout, StringComparison.Ordinal);
        }

        Assert.Contains("DogGan.Plugins.Averagers", stdout, StringComparison.Ordinal);
        Assert.Contains("14 plugins from", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingManifest_ExitsWithCode2AndOneLine()
    {
        var (exit, _, stderr) = await HostProcess.RunAsync(["run", "no-such.json"]);

        Assert.Equal(2, exit);
        Assert.Equal("error: no-such.json: manifest not found; give the path of a JSON file such as "
                     + "experiments/smoke.json", stderr.Trim());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-3")]
    public async Task Run_EpochsNotAPositiveWholeNumber_NamesTheOptionAndItsRange(string epochs)
    {
        string smoke = Path.Combine(RepoPaths.Experiments, "smoke.json");

        var (exit, _, stderr) = await HostProcess.RunAsync(["run", smoke, "--epochs", epochs]);

        Assert.Equal(2, exit);
        Assert.Equal($"error: --epochs: \"{epochs}\" is not valid; expected a whole number from 1 to 1000000",
            stderr.Trim());
    }

    [Fact]
    public async Task Run_CudaOnCpuBuild_FailsAtOnceNamingThePackage()
    {
        string smoke = Path.Combine(RepoPaths.Experiments, "smoke.json");

        var (exit, _, stderr) = await HostProcess.RunAsync(["run", smoke, "--device", "cuda", "--store",
            postgres.ConnectionString]);

        Assert.Equal(2, exit);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains("libtorch-cuda", line, StringComparison.Ordinal);
        Assert.Contains("--device cpu", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_EmptySchema_SaysNoRunsAndWhere()
    {
        var (exit, stdout, stderr) = await HostProcess.RunAsync(["runs", "--store", postgres.ConnectionString],
            new Dictionary<string, string> { ["DOGGAN_SCHEMA"] = "cli_empty" });

        Assert.True(exit == 0, stderr);
        Assert.Contains("0 run(s) in --store", stdout, StringComparison.Ordinal);
        Assert.Contains("schema cli_empty", stdout, StringComparison.Ordinal);
    }
}
