namespace Arbiter.Storage;

/// <summary>Recognises the evidence formats by their first bytes ("magic numbers").</summary>
internal static class FileSignatures
{
    private static readonly string[] VideoBrands = ["isom", "iso2", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "dash", "3gp4", "3gp5"];

    public static string? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((byte[])[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (head.StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        if (head.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        if (head.StartsWith((byte[])[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return "video/webm";
        }

        if (head.Length < 12 || !head[4..8].SequenceEqual("ftyp"u8))
        {
            return null;
        }

        var brand = System.Text.Encoding.ASCII.GetString(head[8..12]);
        return brand == "qt  " ? "video/quicktime" : VideoBrands.Contains(brand) ? "video/mp4" : null;
    }
}
