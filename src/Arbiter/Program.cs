using System.Security.Cryptography;
using Arbiter.Cli;
using Arbiter.Demo;
using Arbiter.Hosting;
using Arbiter.Storage;

var command = args.Length > 0 ? args[0] : "";
if (command is not ("serve" or "migrate" or "audit" or "backup"))
{
    Console.Error.WriteLine(ServeOptions.Usage);
    return command.Length == 0 ? 0 : 2;
}

// backup's one option of its own, --to DIR; the rest say where the data is, as for serve.
var rest = args[1..].ToList();
string? to = null;
if (command == "backup" && rest.IndexOf("--to") is var at and >= 0 && at + 1 < rest.Count)
{
    to = rest[at + 1];
    rest.RemoveRange(at, 2);
}

var (options, error) = ServeOptions.Parse(rest);
if (options is null)
{
    Console.Error.WriteLine($"arbiter: {error}");
    Console.Error.WriteLine(ServeOptions.Usage);
    return 2;
}

if (command == "migrate")
{
    return await MaintenanceCommands.MigrateAsync(options, Console.Out);
}

if (command == "audit")
{
    return await MaintenanceCommands.AuditAsync(options, Console.Out);
}

if (command == "backup")
{
    return await BackupCommand.RunAsync(options, to, Console.Out, Console.Error);
}

if (options.LoadSealingKeys().Error is { } keyError)
{
    Console.Error.WriteLine($"arbiter: {keyError}");
    return 2;
}

await using var app = await BuildOrExplainAsync(options);
if (app is null)
{
    return 2;
}

var generatedKey = await app.Services.GetRequiredService<AccountStore>().EnsurePlatformKeyAsync(options.PlatformKey);
if (generatedKey is not null)
{
    Console.WriteLine($"Platform key (shown once, keep it): {generatedKey}");
}

if (options.Demo)
{
    var seeded = await ActivatorUtilities.CreateInstance<DemoSeeder>(app.Services).SeedAsync();
    Console.WriteLine(seeded ? "Demo data seeded." : "Demo data already present.");
    foreach (var (id, role, name, token) in DemoSeeder.Accounts)
    {
        Console.WriteLine($"  {role,-9} {id,-14} {name,-13} Authorization: Bearer {token}");
    }

    foreach (var (id, shows) in DemoSeeder.Orders)
    {
        Console.WriteLine($"  Order {id}: {shows}");
    }
}

await app.StartAsync();
Console.WriteLine($"Arbiter is listening on {options.Urls} (API reference: {options.Urls.Split(';')[0].TrimEnd('/')}/docs). Press Ctrl+C to stop.");
await app.WaitForShutdownAsync();
return 0;

static async Task<WebApplication?> BuildOrExplainAsync(ServeOptions options)
{
    try
    {
        return await ArbiterApp.BuildAsync(options);
    }
    catch (CryptographicException e)
    {
        Console.Error.WriteLine($"arbiter: a secret stored in the database does not open: {e.Message} Give every sealing key still in use (docs/security.md, \"Changing the sealing key\").");
        return null;
    }
}

/// <summary>The entry point, visible to the integration tests.</summary>
public partial class Program;
