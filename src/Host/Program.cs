using DogGan.Contracts.Errors;
using DogGan.Host.Cli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DogGan.Host;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        bool verbose = args.Contains("-v") || args.Contains("--verbose");
        if (Console.IsOutputRedirected)
        {
            // Spectre assumes 80 columns without a terminal and would fold the epoch lines that
            // logs and CI keep; a pipe has no width, so give it room.
            AnsiConsole.Console.Profile.Width = 200;
        }

        IServiceCollection services = HostServices.Create(AnsiConsole.Console,
            verbose ? LogLevel.Debug : LogLevel.Information);

        var app = new CommandApp(new TypeRegistrar(services));
        app.Configure(config =>
        {
            config.SetApplicationName("host");
            config.PropagateExceptions();
            config.AddCommand<RunCommand>("run").WithDescription("Train and record the experiment a manifest describes")
                .WithExample("run", "experiments/smoke.json");
            config.AddCommand<ResumeCommand>("resume")
                .WithDescription("Continue an interrupted, failed or crashed run from its last checkpoint")
                .WithExample("resume", "3f2a");
            config.AddCommand<ExportCommand>("export")
                .WithDescription("Write a run's averaged generator as a PyTorch state_dict")
                .WithExample("export", "3f2a", "--format", "pytorch", "--out", "generator.pt");
            config.AddCommand<PluginsCommand>("plugins").WithDescription("List every discovered plugin");
            config.AddCommand<RunsCommand>("runs").WithDescription("List recorded experiments");
            config.AddCommand<ReplayCommand>("replay").WithDescription("Print a run's history from its events")
                .WithExample("replay", "smoke@latest", "--plot", "smoke.png");
            config.AddCommand<CompareCommand>("compare").WithDescription("Compare runs side by side")
                .WithExample("compare", "--name", "smoke", "--status", "completed");
            config.AddCommand<TagCommand>("tag").WithDescription("Tag a run");
            config.AddCommand<NoteCommand>("note").WithDescription("Write a note on a run");
            config.AddCommand<ReportCommand>("report")
                .WithDescription("Write a static HTML report of runs: table, config diff, curves, samples")
                .WithExample("report", "3f2a", "9c1b", "--out", "report");
            config.AddCommand<GenerateCommand>("generate")
                .WithDescription("Write the competition's images.zip from a run's averaged generator")
                .WithExample("generate", "3f2a", "--count", "10000", "--out", "images.zip");
            config.AddCommand<ScoreCommand>("score")
                .WithDescription("FID and MiFID of a folder or zip of PNGs against the training images")
                .WithExample("score", "images.zip", "--data", "../shared/data/dogs");
        });

        try
        {
            return await app.RunAsync(args);
        }
        catch (DogGanException error)
        {
            // A user can fix this: one line, no stack trace.
            Console.Error.WriteLine($"error: {error.Message}");
            return 2;
        }
        catch (CommandParseException error)
        {
            Console.Error.WriteLine($"error: {error.Message}");
            return 2;
        }
        catch (CommandRuntimeException error)
        {
            Console.Error.WriteLine($"error: {error.Message}");
            return 2;
        }
    }
}
