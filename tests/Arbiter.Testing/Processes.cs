using System.Diagnostics;
using System.Text;

namespace Arbiter.Testing;

/// <summary>What a program said when run to its end.</summary>
/// <param name="Exit">Its exit code.</param>
/// <param name="Output">What it wrote to standard output.</param>
/// <param name="Errors">What it wrote to standard error.</param>
public sealed record ProgramRun(int Exit, string Output, string Errors)
{
    /// <summary>Everything it printed, output then errors, to explain a failure.</summary>
    public string Said => Output + Errors;
}

/// <summary>Runs the programs the tests call (linters, verifiers, the CLI, the server's tools) and waits for their end.</summary>
public static class Processes
{
    /// <param name="input">Written to the program's standard input as UTF-8, which is then closed.</param>
    public static async Task<ProgramRun> RunAsync(
        string program, IEnumerable<string> arguments, string? input = null, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.BaseStream.WriteAsync(Encoding.UTF8.GetBytes(input));
            process.StandardInput.Close();
        }

        await process.WaitForExitAsync();
        return new ProgramRun(process.ExitCode, await output, await errors);
    }
}
