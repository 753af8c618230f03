namespace DogGan.Tests.Reports;

/// <summary>One headless Chromium load of a page.</summary>
/// <param name="Dom">Standard output: the serialised DOM after load, when asked for.</param>
/// <param name="Log">Chromium's own log (stderr).</param>
/// <param name="ConsoleMessages">Every message the page wrote to its console.</param>
/// <param name="PageRequests">URLs of every network request the page started.</param>
internal sealed record ChromiumVisit(
    string Dom, string Log, IReadOnlyList<string> ConsoleMessages, IReadOnlyList<string> PageRequests);
