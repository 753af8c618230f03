using DogGan.Contracts.Plugins;
using DogGan.Host.Data;
using DogGan.Plugins.Crops;

namespace DogGan.Tests.Data;

/// <summary>The recipe's four crop strategies as the host will build them, from the real plugins.</summary>
internal static class RecipeCrops
{
    public static IReadOnlyList<NamedCropStrategy> Four() =>
    [
        Named("top-left", new TopLeftCropPlugin()),
        Named("top-right", new TopRightCropPlugin()),
        Named("padded-box", new PaddedBoxCropPlugin()),
        Named("centred-context", new CentredContextCropPlugin()),
    ];

    public static NamedCropStrategy FullImage() => Named("full-image", new FullImageCropPlugin());

    private static NamedCropStrategy Named(string name, ICropPlugin plugin) =>
        new(name, "{}", plugin.Create(PluginOptions.Empty(name)));
}
