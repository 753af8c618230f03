namespace DogGan.Host.Data;

/// <summary>What to prepare: a Kaggle-layout folder, the crop strategies and the crop size.</summary>
/// <param name="Folder">The data folder: <c>all-dogs/*.jpg</c> and
/// <c>Annotation/&lt;wnid-breed&gt;/&lt;id&gt;</c>.</param>
/// <param name="Crops">The crop strategies of the experiment, in manifest order.</param>
/// <param name="ImageSize">The side of the square crops, in pixels (64 for the recipe).</param>
/// <param name="MaxImages">Use only the first N image files in ordinal name order (small runs).</param>
/// <param name="CacheRoot">The folder for prepared crops, e.g. <c>$XDG_CACHE_HOME/doggan/crops</c>.</param>
internal sealed record DataRequest(
    string Folder,
    IReadOnlyList<NamedCropStrategy> Crops,
    int ImageSize,
    int? MaxImages,
    string CacheRoot)
{
    /// <summary>How many images are decoded at once; the recipe's machine had 2 cores.</summary>
    public int DecodeThreads { get; init; } = 2;
}
