using DogGan.Host.Manifests;
using DogGan.Host.Store;

namespace DogGan.Host.Training;

/// <summary>One run in progress: its identity, where it writes, and its event stream.</summary>
internal sealed class TrainingRun(
    Guid runId, ExperimentManifest manifest, long seed, string runFolder, RunRecorder recorder)
{
    public Guid RunId { get; } = runId;

    public ExperimentManifest Manifest { get; } = manifest;

    public long Seed { get; } = seed;

    public string RunFolder { get; } = runFolder;

    public RunRecorder Recorder { get; } = recorder;

    public string Name => Manifest.Name;

    /// <summary>The last epoch whose events were saved; what a failure or interruption reports.</summary>
    public int LastCompletedEpoch { get; set; }
}
