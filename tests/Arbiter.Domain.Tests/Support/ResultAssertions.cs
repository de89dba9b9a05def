using Arbiter.Domain.Common;

namespace Arbiter.Domain.Tests.Support;

internal static class ResultAssertions
{
    public static void ShouldSucceed(this Result result) =>
        Assert.True(result.IsSuccess, $"expected success, got {result.Error?.Code}: {result.Error?.Message}");

    public static T ShouldSucceed<T>(this Result<T> result)
    {
        Assert.True(result.IsSuccess, $"expected success, got {result.Error?.Code}: {result.Error?.Message}");
        return result.Value!;
    }

    public static DomainError ShouldFailWith(this Result result, string code)
    {
        Assert.False(result.IsSuccess, $"expected {code}, but the command succeeded");
        Assert.Equal(code, Words.Of(result.Error!.Code));
        return result.Error;
    }

    public static DomainError ShouldFailWith<T>(this Result<T> result, string code)
    {
        Assert.False(result.IsSuccess, $"expected {code}, but the command succeeded");
        Assert.Equal(code, Words.Of(result.Error!.Code));
        return result.Error;
    }
}
