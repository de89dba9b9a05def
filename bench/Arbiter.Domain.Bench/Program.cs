using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Arbiter.Domain.Bench -- [BenchmarkDotNet options, e.g. --job short]
BenchmarkSwitcher.FromAssembly(typeof(Arbiter.Domain.Bench.DisputeTransitions).Assembly).Run(args);
