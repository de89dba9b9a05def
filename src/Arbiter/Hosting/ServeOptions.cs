using System.Net;
using System.Text.Json;
using Arbiter.Domain;
using Arbiter.Mail;
using Arbiter.Security;
using MailKit.Security;
using MimeKit;
using Arbiter.Storage;
using Arbiter.Webhooks;

namespace Arbiter.Hosting;

/// <summary>How the service was asked to run; see <see cref="Usage"/>.</summary>
internal sealed record ServeOptions
{
    public string Urls { get; init; } = "http://127.0.0.1:5080";

    public string DataDirectory { get; init; } = "./data";

    public string Backend { get; init; } = "sqlite";

    public string? Connection { get; init; } = Environment.GetEnvironmentVariable("ARBITER_CONNECTION") is { Length: > 0 } connection ? connection : null;

    public bool SimulatedClock { get; init; }

    public string? PlatformKey { get; init; } = Environment.GetEnvironmentVariable("ARBITER_PLATFORM_KEY") is { Length: > 0 } key ? key : null;

    public bool Demo { get; init; }

    /// <summary>Who pays refunds: the platform's payment system, or Arbiter's simulator; unset, the simulator in demo and sandbox mode.</summary>
    public bool? SimulatedPayments { get; init; }

    public bool SimulatesPayments => SimulatedPayments ?? (Demo || SimulatedClock);

    /// <summary>The SMTP server e-mail goes out through, as host:port; none, no e-mail.</summary>
    public string? Smtp { get; init; } = Environment.GetEnvironmentVariable("ARBITER_SMTP") is { Length: > 0 } smtp ? smtp : null;

    public SecureSocketOptions SmtpSecurity { get; init; } = SecureSocketOptions.Auto;

    /// <summary>A folder to write e-mail to as .eml files instead of sending it; the demo's default is <c>mail</c> under the data folder.</summary>
    public string? MailFolder { get; init; }

    public string MailFrom { get; init; } = Environment.GetEnvironmentVariable("ARBITER_MAIL_FROM") is { Length: > 0 } from ? from : "Arbiter <arbiter@localhost>";

    /// <summary>Where people reach this service, for the links in e-mail and sign-in links; defaults to the first of <see cref="Urls"/>.</summary>
    public string? PublicUrl { get; init; }

    /// <summary>The address links are built from, without a trailing slash: never the request's Host header.</summary>
    public string PublicBaseUrl => (PublicUrl ?? Urls.Split(';')[0]).TrimEnd('/');

    /// <summary>A JSON file overriding policy defaults (durations as "d.hh:mm:ss"); new orders take the policy in force.</summary>
    public string? PolicyFile { get; init; }

    /// <summary>
    /// The file holding the keys that seal secrets at rest (32 bytes in base64 each, one a line, the
    /// current one first). Unset with SQLite, <c>secrets.key</c> in the data folder, made at the first start.
    /// </summary>
    public string? SecretsKeyFile { get; init; }

    /// <summary>Certificates whose RSA private keys stand for sealing keys, before any other key (see <see cref="SealingKeySources"/>).</summary>
    public IReadOnlyList<string> SecretsCertificates { get; init; } = [];

    /// <summary>Reverse proxies (addresses or networks such as 10.0.0.0/8) whose X-Forwarded-For and -Proto are believed; no others'.</summary>
    public IReadOnlyList<string> TrustedProxies { get; init; } = [];

    /// <summary>Cookies only over HTTPS when people reach the service over HTTPS, whatever a proxy in between speaks.</summary>
    public bool SecureCookies => PublicBaseUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>How many failed authentications a client address may make a minute before it is throttled.</summary>
    public int FailedSignInsPerMinute { get; init; } = 30;

    /// <summary>How many file uploads one node takes at once (see <see cref="Api.UploadLimits"/>).</summary>
    public int ConcurrentUploads { get; init; } = 8;

    /// <summary>Where webhooks may go besides https endpoints on the public internet.</summary>
    public WebhookNetwork Webhooks { get; init; } = new();

    /// <summary>Where a new simulated clock starts; defaults to the current second.</summary>
    public DateTimeOffset? ClockStart { get; init; }

    /// <summary>One JSON object per log line (<c>--log-format json</c>) instead of plain text.</summary>
    public bool JsonLogs { get; init; }

    public const string Usage = """
        usage: arbiter serve   [--urls URL] [--data DIR] [--db sqlite|postgres] [--connection CS] [--clock system|simulated] [--payments platform|simulated] [--policy FILE] [--platform-key KEY] [--demo]
                       [--smtp HOST:PORT] [--smtp-security auto|none|starttls|tls] [--mail-folder DIR] [--mail-from ADDRESS] [--public-url URL]
                       [--allow-private-webhooks] [--webhooks-allow-http] [--failed-sign-ins-per-minute N] [--concurrent-uploads N]
                       [--trusted-proxy ADDRESS[/BITS] ...] [--secrets-key-file FILE] [--secrets-certificate FILE ...] [--log-format text|json]
               arbiter migrate [--data DIR] [--db sqlite|postgres] [--connection CS]
               arbiter audit   [--data DIR] [--db sqlite|postgres] [--connection CS]
               arbiter backup  [--data DIR] --to DIR2    (SQLite, while the service runs; serve --data DIR2 starts from the copy)
        """;

    /// <summary>Parses the arguments after <c>serve</c>; returns an error message for anything it does not understand.</summary>
    public static (ServeOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var options = new ServeOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string? Value() => i + 1 < args.Count ? args[++i] : null;
            var arg = args[i];
            switch (arg)
            {
                case "--demo":
                    options = options with { Demo = true };
                    break;
                case "--concurrent-uploads" when int.TryParse(Value(), out var uploads) && uploads > 0:
                    options = options with { ConcurrentUploads = uploads };
                    break;
                case "--failed-sign-ins-per-minute" when int.TryParse(Value(), out var perMinute) && perMinute > 0:
                    options = options with { FailedSignInsPerMinute = perMinute };
                    break;
                case "--secrets-key-file" when Value() is { Length: > 0 } keyFile:
                    options = options with { SecretsKeyFile = keyFile };
                    break;
                case "--secrets-certificate" when Value() is { Length: > 0 } certificate:
                    options = options with { SecretsCertificates = [.. options.SecretsCertificates, certificate] };
                    break;
                case "--trusted-proxy" when Value() is { } proxy:
                    if (!IPAddress.TryParse(proxy, out _) && !IPNetwork.TryParse(proxy, out _))
                    {
                        return (null, $"--trusted-proxy needs an address or a network such as 10.0.0.0/8 (got '{proxy}').");
                    }

                    options = options with { TrustedProxies = [.. options.TrustedProxies, proxy] };
                    break;
                case "--log-format" when Value() is "text" or "json":
                    options = options with { JsonLogs = args[i] == "json" };
                    break;
                case "--webhooks-allow-http":
                    options = options with { Webhooks = options.Webhooks with { AllowHttp = true } };
                    break;
                case "--allow-private-webhooks":
                    options = options with { Webhooks = options.Webhooks with { AllowPrivate = true } };
                    break;
                case "--urls" when Value() is { } urls:
                    options = options with { Urls = urls };
                    break;
                case "--data" when Value() is { } data:
                    options = options with { DataDirectory = data };
                    break;
                case "--db" when Value() is { } db:
                    if (db is not ("sqlite" or "postgres"))
                    {
                        return (null, $"unknown database '{db}': use sqlite or postgres.");
                    }

                    options = options with { Backend = db };
                    break;
                case "--connection" when Value() is { } connection:
                    options = options with { Connection = connection };
                    break;
                case "--clock" when Value() is "system" or "simulated":
                    options = options with { SimulatedClock = args[i] == "simulated" };
                    break;
                case "--payments" when Value() is "platform" or "simulated":
                    options = options with { SimulatedPayments = args[i] == "simulated" };
                    break;
                case "--smtp" when Value() is { } smtp:
                    options = options with { Smtp = smtp };
                    break;
                case "--smtp-security" when Value() is "auto" or "none" or "starttls" or "tls":
                    options = options with { SmtpSecurity = args[i] switch { "none" => SecureSocketOptions.None, "starttls" => SecureSocketOptions.StartTls, "tls" => SecureSocketOptions.SslOnConnect, _ => SecureSocketOptions.Auto } };
                    break;
                case "--mail-folder" when Value() is { Length: > 0 } folder:
                    options = options with { MailFolder = folder };
                    break;
                case "--mail-from" when Value() is { Length: > 0 } from:
                    options = options with { MailFrom = from };
                    break;
                case "--public-url" when Value() is { Length: > 0 } publicUrl:
                    options = options with { PublicUrl = publicUrl };
                    break;
                case "--policy" when Value() is { Length: > 0 } policy:
                    options = options with { PolicyFile = policy };
                    break;
                case "--platform-key" when Value() is { Length: > 0 } key:
                    options = options with { PlatformKey = key };
                    break;
                default:
                    return (null, $"unknown or incomplete option '{arg}'.");
            }
        }

        if (options.Backend == "postgres" && options.Connection is null)
        {
            return (null, "--db postgres needs --connection \"Host=...;Database=...;Username=...\" (or ARBITER_CONNECTION).");
        }

        if (options.PublicUrl is { } given && !(Uri.TryCreate(given, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
        {
            return (null, $"--public-url must be an absolute http or https URL, such as https://disputes.example.com (got '{given}').");
        }

        if (options.Smtp is not null && options.Mail() is null)
        {
            return (null, $"--smtp needs host:port and --mail-from an e-mail address (got '{options.Smtp}', '{options.MailFrom}').");
        }

        return PolicyError(options) is { } policyError ? (null, policyError) : (options, null);
    }

    /// <summary>How to send e-mail, or null when no SMTP server or mail folder is set (or it is set wrongly).</summary>
    public MailSettings? Mail()
    {
        var publicUrl = PublicBaseUrl;
        if (Smtp is null && (MailFolder ?? (Demo ? Path.Combine(DataDirectory, "mail") : null)) is { } folder && MailboxAddress.TryParse(MailFrom, out _))
        {
            return new MailSettings("", 0, SecureSocketOptions.None, null, null, MailFrom, publicUrl, folder);
        }

        if (Smtp?.Split(':') is not [{ Length: > 0 } host, var port] || !int.TryParse(port, out var portNumber) || portNumber is < 1 or > 65535
            || !MailboxAddress.TryParse(MailFrom, out _))
        {
            return null;
        }

        return new MailSettings(
            host, portNumber, SmtpSecurity, Environment.GetEnvironmentVariable("ARBITER_SMTP_USER"), Environment.GetEnvironmentVariable("ARBITER_SMTP_PASSWORD"),
            MailFrom, publicUrl);
    }

    private static string? PolicyError(ServeOptions options)
    {
        try
        {
            var problems = options.LoadPolicy().Problems().ToList();
            return problems.Count == 0 ? null : $"policy {options.PolicyFile}: {string.Join("; ", problems)}.";
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return $"cannot read the policy {options.PolicyFile}: {e.Message}";
        }
    }

    /// <summary>The policy new orders are created under: the defaults, overridden by <see cref="PolicyFile"/>.</summary>
    public Policy LoadPolicy() => PolicyFile is null
        ? Policy.Default
        : JsonSerializer.Deserialize<Policy>(File.ReadAllText(PolicyFile), Json.Storage) ?? Policy.Default;

    /// <summary>What seals secrets at rest: the operator's keys (certificates, environment, file), or with SQLite one made in the data folder.</summary>
    public SecretBox OpenSecrets() => LoadSealingKeys() switch
    {
        ({ } ring, _) => new SecretBox(ring),
        (_, var error) => throw new InvalidOperationException(error),
    };

    /// <summary>The sealing keys these options give, or why they give none; <c>serve</c> says why before starting.</summary>
    public (SealingKeyRing? Ring, string? Error) LoadSealingKeys() =>
        SealingKeySources.Load(SecretsCertificates, SecretsKeyFile, Backend == "postgres" ? null : Path.Combine(DataDirectory, "secrets.key"));

    /// <summary>The database these options name: a SQLite file under the data folder, or a PostgreSQL server.</summary>
    public Database OpenDatabase() => Backend == "postgres"
        ? new PostgresDatabase(Connection!)
        : new SqliteDatabase(Path.Combine(DataDirectory, "arbiter.db"));
}
