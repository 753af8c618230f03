using DogGan.Host;
using DogGan.Tests.Store;

namespace DogGan.Tests.History;

/// <summary>The real command line, in-process: a user's mistakes end in one line on stderr and exit code 2.</summary>
[Collection(PostgresCollection.Name)]
public sealed class HistoryCliTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Main_ReplayWithUnreachableStore_OneLineErrorSayingWhatToDo()
    {
        (int code, string error) = await MainAsync(
            ["replay", "abc", "--store", "Host=/tmp/doggan-no-server-here;Port=5432;Username=doggan;Database=doggan"]);

        Assert.Equal(2, code);
        Assert.StartsWith("error: cannot reach PostgreSQL at /tmp/doggan-no-server-here:5432/doggan", error,
            StringComparison.Ordinal);
        Assert.EndsWith("or unset it to use the embedded cluster", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("replay", "0123abcd", "error: no run id starts with '0123abcd'; list runs to see the ids")]
    [InlineData("compare", "nobody@latest", "error: no run is named 'nobody' in the store at ")]
    [InlineData("tag", "0123abcd", "error: no run id starts with '0123abcd'")]
    public async Task Main_UnknownRun_OneLineError(string command, string run, string start)
    {
        string[] args = command == "tag" ? [command, run, "t1"] : [command, run];

        (int code, string error) = await MainAsync([.. args, "--store", postgres.ConnectionString]);

        Assert.Equal(2, code);
        Assert.StartsWith(start, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("compare a1 --tag x", "give RUN ids or filters")]
    [InlineData("compare --status done", "--status 'done' is not a run state; use one of running, completed")]
    [InlineData("compare --since yesterday", "--since 'yesterday' is not a date")]
    [InlineData("replay a1 --plot curves.svg", "give a file name ending in .png")]
    [InlineData("tag a1 bad/tag", "tag 'bad/tag' is not valid")]
    public async Task Main_BadOptions_OneLineErrorBeforeTouchingTheStore(string line, string expected)
    {
        (int code, string error) = await MainAsync([.. line.Split(' '), "--store", "Host=/tmp/doggan-no-server-here"]);

        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Error)> MainAsync(string[] args)
    {
        // Program.Main writes its error line to Console.Error; the collection runs one class at a time.
        TextWriter original = Console.Error;
        var error = new StringWriter();
        Console.SetError(error);
        try
        {
            int code = await Program.Main(args);
            string text = error.ToString().Trim();
            Assert.DoesNotContain('\n', text);
            return (code, text);
        }
        finally
        {
            Console.SetError(original);
        }
    }
}
