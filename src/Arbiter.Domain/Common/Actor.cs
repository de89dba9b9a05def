namespace Arbiter.Domain.Common;

/// <summary>Who acts: the platform, a party, a mediator or the clock.</summary>
public enum Role
{
    Platform,
    Buyer,
    Seller,
    Mediator,
    Clock,
}

/// <summary>An actor as recorded in history: a role and, for accounts, their id.</summary>
public sealed record Actor(Role Role, string? Id = null)
{
    public static readonly Actor Platform = new(Role.Platform);
    public static readonly Actor Clock = new(Role.Clock);

    public override string ToString() => Id is null ? Role.ToString().ToLowerInvariant() : $"{Role.ToString().ToLowerInvariant()}:{Id}";
}
