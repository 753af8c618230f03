using DogGan.Contracts.Errors;
using DogGan.Host.Store;

namespace DogGan.Tests.Store;

public sealed class UnreachableStoreTests
{
    [Theory]
    // A socket folder with no server in it, and a loopback port nothing listens on.
    [InlineData(
        "Host=/tmp/doggan-no-server-here;Port=5432;Username=doggan;Database=doggan",
        "/tmp/doggan-no-server-here:5432")]
    [InlineData("Host=127.0.0.1;Port=1;Username=doggan;Database=doggan;Timeout=5", "127.0.0.1:1")]
    public async Task OpenAsync_NoServerThere_ThrowsOneLineStoreExceptionNamingIt(string connection, string server)
    {
        StoreSettings settings = StoreSettings.Resolve(
            option: connection, environment: _ => null, configFile: "/nonexistent/doggan.json");

        var error = await Assert.ThrowsAsync<StoreException>(() => EventStoreFactory.OpenAsync(settings));

        Assert.StartsWith(
            $"cannot reach PostgreSQL at {server}/doggan as doggan (", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("or unset it to use the embedded cluster", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
