using System.Collections.Concurrent;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;
using PersonalAssistant.Language.Lexicons;
using PersonalAssistant.Language.Text;

namespace PersonalAssistant.Language.Understanding.Statistical;

/// <summary>What the classifier thinks a message is: its label and how sure it is (the label's probability, 0 to 1).</summary>


/// <summary>
/// The statistical intent layer (ADR 0013): a multiclass logistic regression (ML.NET, SDCA maximum entropy) over
/// word unigrams and bigrams and character trigrams of the folded message, trained on the corpus the
/// <see cref="CorpusGenerator"/> writes from the lexicons' templates. Trained once per process with a fixed seed and
/// one thread, so the same lexicons give the same model. Thread-safe (a pool of prediction engines).
/// </summary>
internal sealed class MlNetIntentClassifier
{
    private static readonly Lazy<MlNetIntentClassifier> Shared = new(() => Train([English.Create(), French.Create()]));
    private readonly ConcurrentBag<PredictionEngine<Input, Output>> pool = [];
    private readonly ITransformer model;
    private readonly MLContext ml;
    private readonly string[] labels;

    private MlNetIntentClassifier(MLContext ml, ITransformer model, string[] labels)
    {
        this.ml = ml;
        this.model = model;
        this.labels = labels;
        pool.Add(ml.Model.CreatePredictionEngine<Input, Output>(model));
    }

    /// <summary>The classifier of the default lexicons (English and French), trained on first use, once per process.</summary>
    public static MlNetIntentClassifier Default => Shared.Value;

    public int TrainingSize { get; private init; }

    /// <summary>Trains on the generated corpus of these lexicons.</summary>
    public static MlNetIntentClassifier Train(IReadOnlyList<Lexicon> lexicons, int perLabel = CorpusGenerator.DefaultPerLabel, int seed = CorpusGenerator.DefaultSeed)
    {
        var corpus = CorpusGenerator.Generate(lexicons, perLabel, seed);
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(corpus.Select(x => new Input { Text = Normalize(Tokenizer.Tokenize(x.Text)), Label = x.Label }));
        var features = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = false,
            KeepPunctuations = true,
            KeepNumbers = true,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = false },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        var pipeline = ml.Transforms.Conversion.MapValueToKey(nameof(Input.Label))
            .Append(ml.Transforms.Text.FeaturizeText("Features", features, nameof(Input.Text)))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new Microsoft.ML.Trainers.SdcaMaximumEntropyMulticlassTrainer.Options
            {
                NumberOfThreads = 1,
                MaximumNumberOfIterations = 30,
                Shuffle = false,
            }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(data);

        VBuffer<ReadOnlyMemory<char>> names = default;
        model.GetOutputSchema(data.Schema)["Score"].GetSlotNames(ref names);
        return new MlNetIntentClassifier(ml, model, [.. names.DenseValues().Select(n => n.ToString())]) { TrainingSize = corpus.Count };
    }

    public IntentGuess Classify(string text) => Classify(Tokenizer.Tokenize(text));

    public IntentGuess Classify(IReadOnlyList<Token> tokens)
    {
        if (!pool.TryTake(out var engine))
        {
            engine = ml.Model.CreatePredictionEngine<Input, Output>(model);
        }

        try
        {
            var output = engine.Predict(new Input { Text = Normalize(tokens) });
            var best = 0;
            for (var i = 1; i < output.Score.Length; i++)
            {
                if (output.Score[i] > output.Score[best])
                {
                    best = i;
                }
            }

            return new IntentGuess(labels[best], output.Score.Length == 0 ? 0 : output.Score[best]);
        }
        finally
        {
            pool.Add(engine);
        }
    }

    /// <summary>
    /// The message as the classifier reads it: folded words, every number as "0", a currency or other symbol as "¤",
    /// "?" kept (it marks a question), other punctuation dropped.
    /// </summary>
    internal static string Normalize(IReadOnlyList<Token> tokens)
    {
        var builder = new StringBuilder();
        foreach (var token in tokens)
        {
            var piece = token.Kind switch
            {
                TokenKind.Word => token.Norm,
                TokenKind.Number => "0",
                TokenKind.Symbol => "¤",
                _ => token.Text == "?" ? "?" : null,
            };
            if (piece is null)
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(piece);
        }

        return builder.ToString();
    }

    private sealed class Input
    {
        public string Text { get; set; } = string.Empty;

        public string Label { get; set; } = string.Empty;
    }

    private sealed class Output
    {
        public string PredictedLabel { get; set; } = string.Empty;

        public float[] Score { get; set; } = [];
    }
}
