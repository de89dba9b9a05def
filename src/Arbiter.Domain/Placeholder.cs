namespace Arbiter.Domain; public static class Placeholder { }
