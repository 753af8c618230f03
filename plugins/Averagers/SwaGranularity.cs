namespace DogGan.Plugins.Averagers;

/// <summary>When SWA folds the generator into its average.</summary>
public enum SwaGranularity
{
    /// <summary>After every generator step from the start epoch on (the default).</summary>
    Step,

    /// <summary>
    /// Once per epoch, at the epoch's first generator step: the state the previous epoch ended
    /// with, one step on. The interface has no end-of-epoch call that passes the generator, so
    /// the last epoch's final state is not folded in.
    /// </summary>
    Epoch,
}
