using MailKit.Security;

namespace Arbiter.Mail;

/// <summary>
/// Where e-mail goes out (<c>--smtp host:port</c>, or <c>--mail-folder</c>: one .eml file per message,
/// which the demo uses) and what it links to (<c>--public-url</c>, the address people reach this
/// service at). With neither, the service sends no e-mail.
/// </summary>
internal sealed record MailSettings(string Host, int Port, SecureSocketOptions Security, string? User, string? Password, string From, string PublicUrl, string? Folder = null);
