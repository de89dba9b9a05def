namespace Arbiter.Storage;

/// <summary>A file written to a staging name until the command that records it has committed.</summary>
internal sealed record StagedFile(string Path, string? ContentType);

/// <summary>Evidence bytes under <c>{data}/evidence</c>; the type is decided by the content, never by the name.</summary>
internal sealed class EvidenceFiles(string dataDirectory)
{
    private readonly string _folder = Directory.CreateDirectory(System.IO.Path.Combine(dataDirectory, "evidence")).FullName;

    public string PathOf(string evidenceId) => System.IO.Path.Combine(_folder, evidenceId);

    public async Task<StagedFile> StageAsync(Stream content, CancellationToken ct)
    {
        var path = System.IO.Path.Combine(_folder, $"staging-{Guid.NewGuid():N}");
        var head = new byte[64];
        await using (var target = File.Create(path))
        {
            var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
            await target.WriteAsync(head.AsMemory(0, read), ct);
            await content.CopyToAsync(target, ct);
            head = head[..read];
        }

        return new StagedFile(path, FileSignatures.Detect(head));
    }

    public void Keep(StagedFile staged, string evidenceId) => File.Move(staged.Path, PathOf(evidenceId), overwrite: true);

    public static void Discard(StagedFile staged) => File.Delete(staged.Path);
}
