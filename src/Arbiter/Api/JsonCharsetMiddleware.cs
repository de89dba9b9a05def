using System.Text;
using Arbiter.Domain.Common;
using Microsoft.Net.Http.Headers;

namespace Arbiter.Api;

/// <summary>
/// Settles the character set of a JSON body before anything reads it: a quoted or empty charset
/// is what it plainly means, one .NET can decode is decoded, and any other answers 415 with a
/// problem instead of failing deep inside the JSON reader.
/// </summary>
internal sealed class JsonCharsetMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            && type.Parameters.FirstOrDefault(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)) is { } charset
            && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)))
        {
            var name = HeaderUtilities.RemoveQuotes(charset.Value).ToString().Trim();
            if (name.Length > 0 && !Decodable(name))
            {
                await Problems.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, ErrorCode.UnsupportedMediaType, $"A JSON body must be UTF-8 (or another Unicode encoding), not \"{name}\".");
                return;
            }

            context.Request.ContentType = name.Length == 0 ? type.MediaType.ToString() : $"{type.MediaType}; charset={name}";
        }

        await next(context);
    }

    private static bool Decodable(string name)
    {
        try
        {
            return Encoding.GetEncoding(name) is UTF8Encoding or UnicodeEncoding or UTF32Encoding || name.Equals("us-ascii", StringComparison.OrdinalIgnoreCase);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
