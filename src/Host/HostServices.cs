using DogGan.Host.Handlers;
using DogGan.Host.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace DogGan.Host;

/// <summary>The host's services, shared by the command line and the end-to-end tests.</summary>
internal static class HostServices
{
    public static IServiceCollection Create(
        IAnsiConsole console, LogLevel level, Action<ILoggingBuilder>? logging = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(builder =>
        {
            builder.SetMinimumLevel(level)
                .AddFilter("Marten", LogLevel.Warning)
                .AddFilter("Npgsql", LogLevel.Warning)
                .AddFilter("JasperFx", LogLevel.Warning);
            if (logging is null)
            {
                builder.AddSimpleConsole(options =>
                {
                    options.SingleLine = true;
                    options.TimestampFormat = "HH:mm:ss ";
                });
                // Logs go to stderr so that tables and epoch lines on stdout can be piped.
                builder.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
            }
            else
            {
                logging(builder);
            }
        });
        services.AddSingleton(console);
        // Registered before Mediator so that its handler registrations resolve this one
        // instance: the display that owns the live progress bars is the one that gets told.
        services.AddSingleton<ProgressDisplay>();
        services.AddSingleton<Trainer>();
        services.AddSingleton<TrainingSession>();
        services.AddMediator(options => options.ServiceLifetime = ServiceLifetime.Singleton);
        return services;
    }
}
