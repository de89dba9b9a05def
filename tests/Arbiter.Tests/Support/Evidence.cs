using System.Net.Http.Headers;

namespace Arbiter.Tests.Support;

/// <summary>Evidence uploads as a browser would send them.</summary>
public static class Evidence
{
    /// <summary>A 1x1 PNG.</summary>
    public static readonly byte[] PngBytes = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    public static MultipartFormDataContent Png(string name = "photo.png") => File(PngBytes, name, "image/png");

    public static MultipartFormDataContent File(byte[] bytes, string name, string declaredType)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        return new MultipartFormDataContent { { file, "file", name } };
    }
}
