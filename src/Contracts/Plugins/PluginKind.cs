namespace DogGan.Contracts.Plugins;

/// <summary>The families of plugins the host composes into an experiment.</summary>
public enum PluginKind
{
    /// <summary>Turns an image's bounding boxes into square crop rectangles (<see cref="ICropPlugin"/>).</summary>
    Crop,

    /// <summary>A GAN objective for the discriminator and the generator (<see cref="ILossPlugin"/>).</summary>
    Loss,

    /// <summary>Averages the generator's weights during training (<see cref="IAveragerPlugin"/>).</summary>
    Averager,

    /// <summary>Builds the generator and discriminator networks (<see cref="IArchitecturePlugin"/>).</summary>
    Architecture,

    /// <summary>Turns images into feature vectors for FID and MiFID (<see cref="IFeatureExtractorPlugin"/>).</summary>
    FeatureExtractor,
}
