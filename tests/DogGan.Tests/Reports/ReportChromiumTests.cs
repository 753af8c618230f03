using System.Net;
using System.Text.RegularExpressions;
using DogGan.Host.Messages;
using DogGan.Host.Reports;
using DogGan.Host.Store;
using DogGan.Tests.Store;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace DogGan.Tests.Reports;

/// <summary>
/// The report of two real tiny runs (real dogs, real PostgreSQL, real training), opened in
/// headless Chromium: both runs are on the page, every image is a file of the report folder
/// that the browser decoded, and the page neither logs nor fetches anything.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class ReportChromiumTests(PostgresFixture postgres) : IDisposable
{
    private const string Schema = "report_e2e";

    // Markup in a run name must come out as text, in the browser as well as in the file.
    private const string MarkupName = "tiny-b <em>&amp;</em> \"q\"";
    private readonly TempFolder _folder = new("report-e2e");

    [Fact]
    public async Task WriteAsync_TwoTinyRuns_ChromiumShowsBothRunsEveryImageDecodedAndNothingFetched()
    {
        Guid first = await TrainAsync("tiny-a", nz: 16);
        Guid second = await TrainAsync(MarkupName, nz: 8);
        RunStore store = await postgres.StoreAsync(Schema);
        string folder = _folder.Combine("report");

        // One run by its full id, the other by a prefix, as a user would type them.
        ReportResult report = await ReportWriter.WriteAsync(
            store, [first.ToString(), second.ToString("N")[..20]], folder, CancellationToken.None);

        Assert.Equal([first, second], report.Runs.Select(r => r.RunId));
        Assert.Equal(4, report.Copied);
        Assert.Empty(report.Problems);
        Assert.Equal(["$.name", "$.description", "$.architecture.options.nz"], report.Differences.Select(d => d.Path));
        Assert.Equal(["16", "8"], report.Differences[2].Values);
        Assert.Equal(["\"tiny-a\"", "\"tiny-b <em>&amp;</em> \\\"q\\\"\""], report.Differences[0].Values);

        // The file as written: no script, no stylesheet or font from elsewhere, every image a
        // file inside the report folder whose bytes are the run's recorded grid.
        string html = File.ReadAllText(report.IndexPath);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        string[] sources = ImageSource().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToArray();
        Assert.Equal(2 + 4, sources.Length);
        foreach (string source in sources)
        {
            Assert.False(Uri.TryCreate(source, UriKind.Absolute, out _), $"{source} is not relative");
            Assert.True(File.Exists(InsideFolder(folder, Path.Combine(folder, source))),
                $"{source} is not in {folder}");
        }
        foreach (string link in LinkTarget().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)))
        {
            Assert.True(link.StartsWith('#') || File.Exists(InsideFolder(folder, Path.Combine(folder, link))),
                $"link {link} leads neither into the page nor to a file of {folder}");
        }
        foreach (SampleImage sample in report.Samples)
        {
            Assert.Equal(File.ReadAllBytes(sample.Source), File.ReadAllBytes(Path.Combine(folder, sample.ReportPath!)));
        }

        // Chromium, the page plus the probe: every image decoded at its real size.
        string probePage = Path.Combine(folder, "probe.html");
        File.WriteAllText(probePage,
            html.Replace("</body>", HeadlessChromium.ImageProbe + "</body>", StringComparison.Ordinal));
        ChromiumVisit visit = await HeadlessChromium.DumpDomAsync(probePage, _folder.Path);

        Assert.Equal(["doggan-probe-ran"], visit.ConsoleMessages);
        Assert.Empty(visit.PageRequests);
        ProbedImage[] images = HeadlessChromium.ProbedImages(visit.Dom);
        Assert.Equal(sources.Length, images.Length);
        foreach (ProbedImage image in images)
        {
            string file = InsideFolder(folder, new Uri(image.Src).LocalPath);
            IImageInfo info = Image.Identify(file);
            Assert.True(image.Complete, $"{file} did not finish loading");
            Assert.Equal((info.Width, info.Height), (image.Width, image.Height));
        }

        // Both runs' names and ids are in the DOM, and the markup in a name stayed text.
        foreach (Guid id in new[] { first, second })
        {
            Assert.Contains(id.ToString(), visit.Dom, StringComparison.Ordinal);
        }
        Assert.Contains(">tiny-a<", visit.Dom, StringComparison.Ordinal);
        Assert.Contains("tiny-b &lt;em&gt;&amp;amp;&lt;/em&gt; \"q\"", visit.Dom, StringComparison.Ordinal);
        Assert.DoesNotContain("<em>", visit.Dom, StringComparison.Ordinal);

        // Chromium, the page as shipped: nothing on the console, no request, and a picture
        // with the plots' and grids' colours in it, not a blank window.
        string shot = _folder.Combine("report.png");
        ChromiumVisit shipped =
            await HeadlessChromium.ScreenshotAsync(report.IndexPath, _folder.Path, shot, 1400, 2800);
        Assert.Empty(shipped.ConsoleMessages);
        Assert.Empty(shipped.PageRequests);
        Assert.InRange(DistinctColours(shot), 500, int.MaxValue);
        KeepScreenshot(shot);
    }

    public void Dispose() => _folder.Dispose();

    private async Task<Guid> TrainAsync(string name, int nz)
    {
        var runs = new TinyRuns(postgres.ConnectionString, Schema, _folder);
        string manifest = runs.WriteManifest(new TinyManifest(name, 2)
        {
            Description = $"report test run with nz {nz}",
            MaxImages = 32,
            Nz = nz,
            SampleGrid = 4,
            CheckpointEvery = 2,
            KeepCheckpoints = 1,
        }, file: $"manifest-{nz}");
        RunOutcome outcome = await runs.RunAsync(manifest);
        Assert.Equal(RunStatus.Completed, outcome.Status);
        return outcome.RunId;
    }

    private static string InsideFolder(string folder, string path)
    {
        string full = Path.GetFullPath(path);
        Assert.StartsWith(Path.GetFullPath(folder) + Path.DirectorySeparatorChar, full, StringComparison.Ordinal);
        return full;
    }

    private static int DistinctColours(string png)
    {
        using Image<Rgb24> image = Image.Load<Rgb24>(png);
        var colours = new HashSet<Rgb24>();
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                foreach (Rgb24 pixel in rows.GetRowSpan(y))
                {
                    colours.Add(pixel);
                }
            }
        });
        return colours.Count;
    }

    // Kept beside the test results so a person can look at what Chromium drew.
    private static void KeepScreenshot(string shot)
    {
        string kept = Path.Combine(AppContext.BaseDirectory, "report-screenshot.png");
        File.Copy(shot, kept, overwrite: true);
    }

    [GeneratedRegex(@"<img\s[^>]*?src=""([^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex ImageSource();

    [GeneratedRegex(@"<a\s[^>]*?href=""([^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex LinkTarget();

}
