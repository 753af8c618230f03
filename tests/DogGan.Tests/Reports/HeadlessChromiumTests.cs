namespace DogGan.Tests.Reports;

/// <summary>
/// The control for the report's browser checks: the same checks must notice a page that
/// fetches from the network, or they would pass on anything.
/// </summary>
public sealed class HeadlessChromiumTests : IDisposable
{
    private readonly TempFolder _folder = new("chromium");

    [Fact]
    public async Task DumpDomAsync_PageAskingForRemoteFiles_ReportsEachRequestAndTheBrokenImage()
    {
        string page = _folder.Combine("remote.html");
        File.WriteAllText(page, """
            <!DOCTYPE html><html><head><link rel="stylesheet" href="https://fonts.example.invalid/a.css">
            </head><body><img src="http://cdn.example.invalid/x.png"></body></html>
            """.Replace("</body>", HeadlessChromium.ImageProbe + "</body>", StringComparison.Ordinal));

        ChromiumVisit visit = await HeadlessChromium.DumpDomAsync(page, _folder.Path);

        Assert.Equal(["http://cdn.example.invalid/x.png", "https://fonts.example.invalid/a.css"],
            visit.PageRequests.Order(StringComparer.Ordinal));
        ProbedImage image = Assert.Single(HeadlessChromium.ProbedImages(visit.Dom));
        Assert.Equal(("http://cdn.example.invalid/x.png", 0), (image.Src, image.Width));
        Assert.Equal(["doggan-probe-ran"], visit.ConsoleMessages);
    }

    public void Dispose() => _folder.Dispose();
}
