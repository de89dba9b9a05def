namespace Arbiter.Web;

/// <summary>What an evidence file is, as people call it.</summary>
internal enum EvidenceKind
{
    Photo,
    Video,
    Document,
}

internal static class EvidenceKinds
{
    public static EvidenceKind Of(string contentType) =>
        contentType.StartsWith("image/", StringComparison.Ordinal) ? EvidenceKind.Photo
        : contentType.StartsWith("video/", StringComparison.Ordinal) ? EvidenceKind.Video
        : EvidenceKind.Document;
}
