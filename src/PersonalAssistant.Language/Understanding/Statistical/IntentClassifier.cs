using System.Text;
using PersonalAssistant.Language.Lexicons;
using PersonalAssistant.Language.Text;

namespace PersonalAssistant.Language.Understanding.Statistical;

/// <summary>What the classifier thinks a message is: its label and how sure it is (the label's probability, 0 to 1).</summary>
internal readonly record struct IntentGuess(string Label, float Confidence);

/// <summary>
/// The statistical intent layer (ADR 0013): a multiclass logistic regression over hashed features of the folded
/// message (words, word pairs, and letter trigrams, so a typo still shares most of its trigrams with the word), trained
/// by stochastic gradient descent on the corpus the <see cref="CorpusGenerator"/> writes from the lexicons'
/// templates. Trained once per process in a few tens of milliseconds, with a fixed seed and a stable hash, so the same
/// lexicons give the same model on every machine. Immutable once trained, so thread-safe.
/// </summary>
internal sealed class IntentClassifier
{
    private const int Buckets = 1 << 16;
    private const int Epochs = 12;
    private const float LearningRate = 0.4f;
    private const float Regularization = 1e-6f;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<IntentClassifier>> Shared = new(StringComparer.OrdinalIgnoreCase);

    private readonly string[] labels;
    private readonly float[] weights;
    private readonly float[] biases;

    private IntentClassifier(string[] labels, float[] weights, float[] biases, int trainingSize)
    {
        this.labels = labels;
        this.weights = weights;
        this.biases = biases;
        TrainingSize = trainingSize;
    }

    /// <summary>The classifier of one language, trained on its lexicon's templates on first use, once per process (not per engine or host).</summary>
    public static IntentClassifier Of(Lexicon lexicon) => Shared.GetOrAdd(lexicon.Code, _ => new Lazy<IntentClassifier>(() => Train([lexicon]))).Value;

    public int TrainingSize { get; }

    /// <summary>Trains on the generated corpus of these lexicons.</summary>
    public static IntentClassifier Train(IReadOnlyList<Lexicon> lexicons, int perLabel = CorpusGenerator.DefaultPerLabel, int seed = CorpusGenerator.DefaultSeed)
    {
        var corpus = CorpusGenerator.Generate(lexicons, perLabel, seed);
        var labels = corpus.Select(x => x.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var examples = corpus.Select(x => (Features: Features(Tokenizer.Tokenize(x.Text)), Label: Array.IndexOf(labels, x.Label))).ToArray();
        var classes = labels.Length;
        var weights = new float[classes * Buckets];
        var biases = new float[classes];
        var random = new Random(seed);
        var order = Enumerable.Range(0, examples.Length).ToArray();
        var probabilities = new float[classes];
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            random.Shuffle(order);
            var rate = LearningRate / (1 + epoch);
            foreach (var index in order)
            {
                var (features, label) = examples[index];
                Probabilities(features, weights, biases, probabilities);
                for (var c = 0; c < classes; c++)
                {
                    var gradient = probabilities[c] - (c == label ? 1f : 0f);
                    biases[c] -= rate * gradient;
                    var row = c * Buckets;
                    foreach (var (bucket, value) in features)
                    {
                        ref var w = ref weights[row + bucket];
                        w -= rate * ((gradient * value) + (Regularization * w));
                    }
                }
            }
        }

        return new IntentClassifier(labels, weights, biases, corpus.Count);
    }

    public IntentGuess Classify(string text) => Classify(Tokenizer.Tokenize(text));

    public IntentGuess Classify(IReadOnlyList<Token> tokens)
    {
        Span<float> probabilities = stackalloc float[labels.Length];
        Probabilities(Features(tokens), weights, biases, probabilities);
        var best = 0;
        for (var c = 1; c < probabilities.Length; c++)
        {
            if (probabilities[c] > probabilities[best])
            {
                best = c;
            }
        }

        return new IntentGuess(labels[best], probabilities[best]);
    }

    private static void Probabilities((int Bucket, float Value)[] features, float[] weights, float[] biases, Span<float> probabilities)
    {
        var max = float.MinValue;
        for (var c = 0; c < probabilities.Length; c++)
        {
            var score = biases[c];
            var row = c * Buckets;
            foreach (var (bucket, value) in features)
            {
                score += weights[row + bucket] * value;
            }

            probabilities[c] = score;
            max = Math.Max(max, score);
        }

        var sum = 0f;
        for (var c = 0; c < probabilities.Length; c++)
        {
            probabilities[c] = MathF.Exp(probabilities[c] - max);
            sum += probabilities[c];
        }

        for (var c = 0; c < probabilities.Length; c++)
        {
            probabilities[c] /= sum;
        }
    }

    /// <summary>Words, word pairs and letter trigrams of the normalised message, hashed, each of weight 1/√n.</summary>
    internal static (int Bucket, float Value)[] Features(IReadOnlyList<Token> tokens)
    {
        var words = Normalize(tokens).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var buckets = new List<int>(words.Length * 8);
        for (var i = 0; i < words.Length; i++)
        {
            buckets.Add(Hash('w', words[i], string.Empty));
            buckets.Add(Hash('b', i == 0 ? "^" : words[i - 1], words[i]));
            var padded = $"#{words[i]}#";
            for (var k = 0; k + 3 <= padded.Length; k++)
            {
                buckets.Add(Hash('c', padded.Substring(k, 3), string.Empty));
            }
        }

        if (words.Length > 0)
        {
            buckets.Add(Hash('b', words[^1], "$"));
        }

        var value = buckets.Count == 0 ? 0f : 1f / MathF.Sqrt(buckets.Count);
        return [.. buckets.Select(b => (b, value))];
    }

    /// <summary>FNV-1a: the same on every machine and run (string.GetHashCode is not).</summary>
    private static int Hash(char kind, string first, string second)
    {
        var hash = 2166136261u;
        hash = (hash ^ kind) * 16777619u;
        foreach (var c in first)
        {
            hash = (hash ^ c) * 16777619u;
        }

        hash = (hash ^ '|') * 16777619u;
        foreach (var c in second)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Buckets);
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
}
