namespace Arbiter.Domain.Disputes;

/// <summary>A claim as the buyer fills it in; validated against the line before it becomes a <see cref="Claim"/>.</summary>
public sealed record ClaimRequest(bool? Received, string? Reason, Solution? Solution, long? Amount, string? Description, IReadOnlyList<string>? EvidenceIds);
