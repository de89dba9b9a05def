using Dapper;

namespace Arbiter.Storage;

/// <summary>Small named values that must survive a restart, such as the simulated clock.</summary>
internal sealed class SettingsStore(Database db)
{
    public async Task<string?> GetAsync(string name, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<string?>("SELECT value FROM settings WHERE name = @name", new { name });
    }

    public async Task SetAsync(string name, string value, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(
            "INSERT INTO settings (name, value) VALUES (@name, @value) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            new { name, value });
    }
}
