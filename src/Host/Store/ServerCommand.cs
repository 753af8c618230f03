using System.Diagnostics;
using DogGan.Contracts.Errors;

namespace DogGan.Host.Store;

/// <summary>
/// Runs one PostgreSQL tool (initdb, pg_ctl, ...) to completion, as the server's own OS user.
/// </summary>
internal sealed class ServerCommand
{
    // initdb and postgres refuse to run as root. Debian's package creates a 'postgres' user for
    // exactly this, so a root host hands the server to it; everyone else runs it as themselves.
    internal const string RootServerUser = "postgres";

    private readonly string _binFolder;

    public ServerCommand(string binFolder)
    {
        _binFolder = binFolder;
    }

    /// <summary>True when this process is root and so must run the server as another user.</summary>
    public static bool RunsAsOtherUser => Environment.IsPrivilegedProcess;

    /// <summary>Runs the tool and returns its exit code and its stdout and stderr together.</summary>
    public (int ExitCode, string Output) Run(
        string tool, IReadOnlyList<string> arguments, string workingFolder, TimeSpan timeout)
    {
        string program = Path.Combine(_binFolder, tool);
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            // The server user may not be able to enter our current folder (e.g. /root).
            WorkingDirectory = workingFolder,
        };
        if (RunsAsOtherUser)
        {
            info.FileName = "runuser";
            info.ArgumentList.Add("-u");
            info.ArgumentList.Add(RootServerUser);
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(program);
        }
        else
        {
            info.FileName = program;
        }
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        // English messages, so a log line or an exception text reads the same everywhere.
        info.Environment["LC_MESSAGES"] = "C";
        return RunProcess(info, tool, timeout);
    }

    /// <summary>Gives a folder tree to the server user when this process is root.</summary>
    public static void HandOver(string folder)
    {
        if (!RunsAsOtherUser)
        {
            return;
        }
        var info = new ProcessStartInfo("chown")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in new[] { "-R", $"{RootServerUser}:", folder })
        {
            info.ArgumentList.Add(argument);
        }
        (int code, string output) = RunProcess(info, "chown", TimeSpan.FromSeconds(30));
        if (code != 0)
        {
            throw new StoreException(
                $"cannot give '{folder}' to the '{RootServerUser}' user ({output.Trim()}); "
                + "install PostgreSQL with apt-get install -y postgresql, which creates that user");
        }
    }

    private static (int ExitCode, string Output) RunProcess(
        ProcessStartInfo info, string name, TimeSpan timeout)
    {
        using Process process = Process.Start(info)
            ?? throw new StoreException($"cannot start '{info.FileName}'");
        if (info.RedirectStandardInput)
        {
            process.StandardInput.Close();
        }
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new StoreException($"'{name}' did not finish within {timeout.TotalSeconds:0} s; it was stopped");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
