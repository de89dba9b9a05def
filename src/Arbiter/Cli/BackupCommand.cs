using Arbiter.Hosting;
using Microsoft.Data.Sqlite;

namespace Arbiter.Cli;

/// <summary>
/// <c>arbiter backup --data DIR --to DIR2</c>: a consistent copy of a SQLite data folder, taken while
/// the service runs, that <c>serve --data DIR2</c> starts from. The database is copied with SQLite's
/// online backup (one step, under a read transaction: writers go on in WAL mode, and the copy is
/// the database as of one commit); the other files (the sealing key, the mail folder) are copied
/// beside it. The copy is checked before the command says it is done. PostgreSQL is backed up with
/// its own tools (docs/operations.md).
/// </summary>
internal static class BackupCommand
{
    public static async Task<int> RunAsync(ServeOptions options, string? to, TextWriter output, TextWriter errors)
    {
        if (options.Backend != "sqlite")
        {
            await errors.WriteLineAsync("arbiter: backup copies a SQLite data folder; back PostgreSQL up with pg_basebackup and WAL archiving (docs/operations.md).");
            return 2;
        }

        if (string.IsNullOrWhiteSpace(to))
        {
            await errors.WriteLineAsync("arbiter: backup needs --to DIR, a folder that does not exist yet or is empty.");
            return 2;
        }

        var source = Path.GetFullPath(options.DataDirectory);
        var target = Path.GetFullPath(to);
        var database = Path.Combine(source, "arbiter.db");
        if (!File.Exists(database))
        {
            await errors.WriteLineAsync($"arbiter: there is no Arbiter database in {source}.");
            return 2;
        }

        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            await errors.WriteLineAsync($"arbiter: {target} is not empty; back up into a new folder.");
            return 2;
        }

        Directory.CreateDirectory(target);
        CopyFilesBeside(source, target);
        var copy = Path.Combine(target, "arbiter.db");
        await using (var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 }.ToString()))
        await using (var into = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString()))
        {
            await from.OpenAsync();
            await into.OpenAsync();
            from.BackupDatabase(into);
            await using var check = into.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            if (await check.ExecuteScalarAsync() is not "ok")
            {
                await errors.WriteLineAsync($"arbiter: the copy in {target} failed SQLite's integrity check; it is not a backup.");
                return 1;
            }

            check.CommandText = "SELECT COUNT(*) FROM orders";
            await output.WriteLineAsync($"Backed up {await check.ExecuteScalarAsync()} orders from {source} to {target}; start from it with serve --data {target}.");
        }

        return 0;
    }

    /// <summary>Everything in the data folder but the database and its journal, which the online backup copies.</summary>
    private static void CopyFilesBeside(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative is "arbiter.db" or "arbiter.db-wal" or "arbiter.db-shm" or "arbiter.db-journal")
            {
                continue;
            }

            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(destination, File.GetUnixFileMode(file));
            }
        }
    }
}
