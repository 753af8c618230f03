using Mediator;

namespace DogGan.Host.Scoring;

/// <summary>Write a submission zip from a recorded run's averaged generator.</summary>
/// <param name="Run">The run's id or a unique prefix.</param>
/// <param name="Count">Images to write (the competition takes 10,000).</param>
/// <param name="OutputPath">The zip to write.</param>
/// <param name="Seed">Seeds the latent vectors and the BatchNorm re-estimation.</param>
/// <param name="BatchSize">Images generated at once.</param>
/// <param name="PluginFolders">Extra plugin folders.</param>
/// <param name="Store">The store's connection string, if given.</param>
/// <param name="Schema">The store's schema, if given.</param>
internal sealed record GenerateSubmission(
    string Run,
    int Count,
    string OutputPath,
    long Seed,
    int BatchSize,
    IReadOnlyList<string> PluginFolders,
    string? Store,
    string? Schema = null) : ICommand<SubmissionWritten>;

/// <summary>What <see cref="GenerateSubmission"/> wrote.</summary>
internal sealed record SubmissionWritten(
    Guid RunId, int Epoch, int Count, string Path, string Sha256, long Bytes, double Seconds);
