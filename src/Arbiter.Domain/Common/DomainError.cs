namespace Arbiter.Domain.Common;

/// <summary>How an expected failure maps onto the caller's situation.</summary>
public enum ErrorKind
{
    /// <summary>The request itself is wrong (HTTP 422).</summary>
    Invalid,
    /// <summary>The request is fine but the current state forbids it (HTTP 409).</summary>
    Conflict,
    /// <summary>The caller's role may never do this (HTTP 403).</summary>
    Forbidden,
    /// <summary>The thing referred to does not exist (HTTP 404).</summary>
    NotFound,
}

/// <summary>An expected failure with a stable machine-readable code.</summary>
public sealed record DomainError(ErrorCode Code, string Message, ErrorKind Kind)
{
    public static DomainError Invalid(ErrorCode code, string message) => new(code, message, ErrorKind.Invalid);

    public static DomainError Conflict(ErrorCode code, string message) => new(code, message, ErrorKind.Conflict);

    public static DomainError Forbidden(ErrorCode code, string message) => new(code, message, ErrorKind.Forbidden);

    public static DomainError NotFound(ErrorCode code, string message) => new(code, message, ErrorKind.NotFound);
}
