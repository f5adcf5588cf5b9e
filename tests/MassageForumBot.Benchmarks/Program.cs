using MassageForumBot.Benchmarks;

// dotnet run -c Release --project tests/MassageForumBot.Benchmarks -- [classifier|worker|stores|all] [--train]
var which = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
Console.WriteLine($"MassageForumBot benchmarks on {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
if (which is "classifier" or "all") ClassifierBenchmark.Run(includeTraining: args.Contains("--train"));
if (which is "worker" or "all") await WorkerBenchmark.RunAsync();
if (which is "stores" or "all") await StoreBenchmark.RunAsync();
