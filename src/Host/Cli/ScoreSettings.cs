using System.ComponentModel;
using Spectre.Console.Cli;

namespace DogGan.Host.Cli;

/// <summary>Options of <c>host score</c>.</summary>
internal sealed class ScoreSettings : HostSettings
{
    [CommandArgument(0, "<IMAGES>")]
    [Description("A folder or a .zip of 64x64 PNGs, e.g. the images.zip of host generate")]
    public string Images { get; init; } = "";

    [CommandOption("--data <DIR>")]
    [Description("Data folder in the Kaggle layout whose all-dogs/ images are the real set")]
    public string Data { get; init; } = "";

    [CommandOption("--features <PLUGIN>")]
    [Description("Feature extractor plugin: torchscript (a model file) or pixel-proxy (no download; a proxy)")]
    [DefaultValue("pixel-proxy")]
    public string Features { get; init; } = "pixel-proxy";

    [CommandOption("--features-option <KEY=VALUE>")]
    [Description("An option of the extractor (repeatable), e.g. path=pt_inception.pt")]
    public string[] FeatureOptions { get; init; } = [];

    [CommandOption("--run <RUN>")]
    [Description("Record the score as a metric event on this run")]
    public string? Run { get; init; }

    [CommandOption("--max-real <N>")]
    [Description("Use only the first N training images (quick trials; scores then differ)")]
    public int? MaxReal { get; init; }

    public override Spectre.Console.ValidationResult Validate() =>
        Data.Length == 0
            ? Spectre.Console.ValidationResult.Error("--data is required: the data folder of the training images")
            : Spectre.Console.ValidationResult.Success();
}
