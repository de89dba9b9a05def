namespace Arbiter.Domain.Common;

/// <summary>The outcome of a command: nothing, or the expected failure that prevented it.</summary>
public readonly record struct Result(DomainError? Error)
{
    public static Result Ok => default;

    public bool IsSuccess => Error is null;

    public static implicit operator Result(DomainError error) => new(error);

    /// <summary>The outcome as a value (true when it worked), for callers that run commands producing values.</summary>
    public Result<bool> Done() => IsSuccess ? true : Error!;
}

/// <summary>The outcome of a command that produces a value.</summary>
public readonly record struct Result<T>(T? Value, DomainError? Error)
{
    public bool IsSuccess => Error is null;

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(DomainError error) => new(default, error);

    /// <summary>The outcome without its value, for callers that only need to know whether it worked.</summary>
    public Result Plain() => new(Error);
}
