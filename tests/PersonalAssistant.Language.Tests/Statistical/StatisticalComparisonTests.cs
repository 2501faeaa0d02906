using System.Diagnostics;
using PersonalAssistant.Language.Lexicons;
using PersonalAssistant.Language.Understanding.Statistical;
using Xunit.Abstractions;

namespace PersonalAssistant.Language.Tests.Statistical;

public sealed class StatisticalComparisonTests(ITestOutputHelper output)
{
    [Fact]
    public void TrainingCost()
    {
        var wg = Stopwatch.StartNew();
        var corpus = CorpusGenerator.Generate([English.Create(), French.Create()]);
        output.WriteLine($"generate {wg.ElapsedMilliseconds} ms");
        wg.Restart();
        var fs = corpus.Select(x => IntentClassifier.Features(PersonalAssistant.Language.Text.Tokenizer.Tokenize(x.Text))).ToList();
        output.WriteLine($"features {wg.ElapsedMilliseconds} ms {fs.Average(f => f.Length)}");
        foreach (var per in new[] { 160, 160 })
        {
            var w = Stopwatch.StartNew();
            var c = IntentClassifier.Train([English.Create(), French.Create()], per);
            var t = w.ElapsedMilliseconds;
            var ok = HeldOut.Load().Count(r => c.Classify(r.Text).Label == r.Label);
            output.WriteLine($"own per={per} n={c.TrainingSize} {t} ms heldout={ok}");
        }


    }

    [Fact]
    public void Compare()
    {
        var watch = Stopwatch.StartNew();
        var classifier = IntentClassifier.Train([English.Create(), French.Create()]);
        output.WriteLine($"trained on {classifier.TrainingSize} in {watch.ElapsedMilliseconds} ms");
        var engine = Parsing.Engine;
        var rows = HeldOut.Load();
        int rules = 0, stat = 0;
        var byLabel = new Dictionary<string, int[]>();
        foreach (var (language, label, text) in rows)
        {
            var r = HeldOut.AssistantLabel(engine, text, language);
            var g = classifier.Classify(text);
            rules += r == label ? 1 : 0;
            stat += g.Label == label ? 1 : 0;
            if (!byLabel.TryGetValue(label, out var counts))
            {
                byLabel[label] = counts = new int[3];
            }

            counts[0]++;
            counts[1] += r == label ? 1 : 0;
            counts[2] += g.Label == label ? 1 : 0;
            output.WriteLine($"{(r == label ? " " : "R")}{(g.Label == label ? " " : "S")} {label,-16} rules={r,-16} stat={g.Label,-16} {g.Confidence:0.00} {text}");
        }

        foreach (var (label, c) in byLabel)
        {
            output.WriteLine($"{label,-16} n={c[0]} rules={c[1]} stat={c[2]}");
        }

        output.WriteLine($"rules {rules}/{rows.Count}  classifier {stat}/{rows.Count}");
        watch.Restart();
        for (var i = 0; i < 2000; i++)
        {
            classifier.Classify(rows[i % rows.Count].Text);
        }

        output.WriteLine($"classify: {watch.Elapsed.TotalMicroseconds / 2000:0.0} µs");
    }
}
