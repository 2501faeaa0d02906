using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using PersonalAssistant.Language;
using PersonalAssistant.Language.Benchmarks;

// Speed and memory of the offline language engine (docs/benchmarks.md):
//   --memory   managed memory held by a loaded engine, in MB (target: under 50 MB)
//   otherwise  BenchmarkDotNet, pinned to one core (target: at least 20,000 utterances per second)
if (args.Contains("--memory"))
{
    var before = GC.GetTotalMemory(forceFullCollection: true);
    var engine = LanguageEngine.CreateDefault();
    foreach (var message in ParseBenchmark.Messages)
    {
        engine.Parse(message, ParseBenchmark.Context);
    }

    var after = GC.GetTotalMemory(forceFullCollection: true);
    Console.WriteLine($"Loaded engine: {(after - before) / 1024.0 / 1024.0:F2} MB of managed memory (target: under 50 MB)");
    GC.KeepAlive(engine);
    return;
}

var config = DefaultConfig.Instance.AddJob(Job.Default.WithAffinity(1).WithId("one-core"));
BenchmarkSwitcher.FromAssembly(typeof(ParseBenchmark).Assembly).Run(args, config);

