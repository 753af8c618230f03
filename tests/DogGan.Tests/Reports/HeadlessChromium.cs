using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DogGan.Tests.Reports;

/// <summary>
/// Debian's Chromium, headless, on a local file: the page's DOM after load or a screenshot,
/// plus what the page printed to its console and which network requests it started.
/// </summary>
/// <remarks>
/// The flags keep Chromium's own background traffic down, and the resolver rule makes every
/// host name unresolvable, so nothing leaves the machine even if the page asks for it. The
/// net log still records every request the page starts, which is what the tests count.
/// </remarks>
internal static partial class HeadlessChromium
{
    /// <summary>
    /// A script to append to a page under test. After the load event it lists every image as
    /// the browser decoded it in a #doggan-probe element, then logs one line, so that a test
    /// knows console capture works in this very browser.
    /// </summary>
    public const string ImageProbe = """
        <script>
        window.addEventListener('load', function () {
          var images = Array.prototype.map.call(document.images, function (img) {
            return { src: img.currentSrc || img.src, complete: img.complete,
                     width: img.naturalWidth, height: img.naturalHeight };
          });
          var pre = document.createElement('pre');
          pre.id = 'doggan-probe';
          pre.textContent = JSON.stringify(images);
          document.body.appendChild(pre);
          console.error('doggan-probe-ran');
        });
        </script>
        """;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>The browser, or a failed test that says how to install it.</summary>
    public static string Executable
    {
        get
        {
            if (Environment.GetEnvironmentVariable("DOGGAN_CHROMIUM") is { Length: > 0 } chosen)
            {
                return File.Exists(chosen)
                    ? chosen
                    : throw new InvalidOperationException($"DOGGAN_CHROMIUM={chosen} does not exist");
            }
            string? found = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin")
                .Split(':', StringSplitOptions.RemoveEmptyEntries)
                .Select(folder => Path.Combine(folder, "chromium"))
                .FirstOrDefault(File.Exists);
            if (found is null)
            {
                Assert.Fail("chromium is not installed, and the report tests need it: run ./setup "
                    + "(it installs Debian's chromium), or set DOGGAN_CHROMIUM to a Chromium binary");
            }
            return found!;
        }
    }

    /// <summary>Loads <paramref name="page"/> and returns the DOM as serialised after the load event.</summary>
    public static Task<ChromiumVisit> DumpDomAsync(string page, string workFolder) =>
        VisitAsync(page, workFolder, "--dump-dom", screenshot: null);

    /// <summary>Loads <paramref name="page"/> in a window of the given size and saves a PNG of it.</summary>
    public static Task<ChromiumVisit> ScreenshotAsync(
        string page, string workFolder, string png, int width, int height) =>
        VisitAsync(page, workFolder, $"--window-size={width},{height}", screenshot: png);

    private static async Task<ChromiumVisit> VisitAsync(string page, string workFolder, string mode, string? screenshot)
    {
        string executable = Executable;
        string visit = Path.Combine(workFolder, $"chromium-{Guid.NewGuid():N}");
        Directory.CreateDirectory(visit);
        string netLog = Path.Combine(visit, "net-log.json");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            $"--user-data-dir={Path.Combine(visit, "profile")}",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--enable-logging=stderr", "--v=0",
            $"--log-net-log={netLog}",
            mode,
        })
        {
            start.ArgumentList.Add(argument);
        }
        if (screenshot is not null)
        {
            start.ArgumentList.Add($"--screenshot={screenshot}");
        }
        start.ArgumentList.Add(new Uri(page).AbsoluteUri);

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"could not start {executable}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Only the browser this test started, and the helpers it started.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"chromium did not finish {page} within {Timeout.TotalSeconds} s; its log ends: "
                + Tail(await stderr));
        }

        string log = await stderr;
        Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}; its log ends: {Tail(log)}");
        return new ChromiumVisit(await stdout, log, ConsoleMessages(log), PageRequests(netLog));
    }

    /// <summary>What the page printed to its console, as Chromium logs it ("message", source: url).</summary>
    private static IReadOnlyList<string> ConsoleMessages(string log) =>
        ConsoleLine().Matches(log).Select(m => m.Groups["message"].Value).ToArray();

    /// <summary>
    /// URLs of the network requests the page started. Chromium's own requests carry the
    /// initiator "not an origin"; a request from a file:// page carries "null" and the file://
    /// isolation key. Files the page loads from disk never reach the network stack.
    /// </summary>
    private static IReadOnlyList<string> PageRequests(string netLog)
    {
        Assert.True(File.Exists(netLog), $"chromium wrote no net log at {netLog}");
        using JsonDocument log = JsonDocument.Parse(File.ReadAllText(netLog));
        int startJob = log.RootElement.GetProperty("constants").GetProperty("logEventTypes")
            .GetProperty("URL_REQUEST_START_JOB").GetInt32();
        var urls = new List<string>();
        foreach (JsonElement e in log.RootElement.GetProperty("events").EnumerateArray())
        {
            if (e.GetProperty("type").GetInt32() != startJob || !e.TryGetProperty("params", out JsonElement p)
                || !p.TryGetProperty("url", out JsonElement url))
            {
                continue;
            }
            string initiator = p.TryGetProperty("initiator", out JsonElement i) ? i.GetString() ?? "" : "";
            string isolation = p.TryGetProperty("network_isolation_key", out JsonElement k) ? k.GetString() ?? "" : "";
            if (initiator != "not an origin" || isolation.Contains("file://", StringComparison.Ordinal))
            {
                urls.Add(url.GetString() ?? "");
            }
        }
        return urls;
    }

    /// <summary>What <see cref="ImageProbe"/> wrote into a dumped DOM.</summary>
    public static ProbedImage[] ProbedImages(string dom)
    {
        Match probe = ProbeResult().Match(dom);
        Assert.True(probe.Success, "the probe script did not run: no #doggan-probe in the DOM");
        return JsonSerializer.Deserialize<ProbedImage[]>(WebUtility.HtmlDecode(probe.Groups[1].Value),
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    private static string Tail(string log) => log.Length <= 2000 ? log : log[^2000..];

    [GeneratedRegex("""CONSOLE(?::\d+|\(\d+\))\] "(?<message>.*)", source: """)]
    private static partial Regex ConsoleLine();

    [GeneratedRegex("""<pre id="doggan-probe">(.*?)</pre>""", RegexOptions.Singleline)]
    private static partial Regex ProbeResult();
}
