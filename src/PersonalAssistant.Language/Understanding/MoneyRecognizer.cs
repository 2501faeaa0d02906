using System.Globalization;
using PersonalAssistant.Language.Lexicons;
using PersonalAssistant.Language.Text;

namespace PersonalAssistant.Language.Understanding;

/// <summary>An amount of money as said: "$12.50", "12,50 €", "35 euros", "150 CAD", "25 $ CAD", "$1,250".</summary>
internal readonly record struct Money(decimal Amount, string? Currency, bool Dollar, int Start, int End);

internal static class MoneyRecognizer
{
    public static Money? Find(Token[] t, Lexicon lex)
    {
        for (var i = 0; i < t.Length; i++)
        {
            // symbol first: "$12.50", "£8.20", "$ 60"
            if (Symbol(t[i]) is var (symbolCurrency, symbolDollar) && i + 1 < t.Length && t[i + 1].IsNumber && TryAmount(t[i + 1], out var amount))
            {
                var end = ThousandGroups(t, i + 1, ref amount);
                var (currency, dollar) = Code(t, ref end, lex) ?? (symbolCurrency, symbolDollar);
                return new Money(amount, currency, dollar, i, end);
            }

            if (!t[i].IsNumber || !TryAmount(t[i], out amount))
            {
                continue;
            }

            // number first: "12,50 €", "54,20€", "25 $ CAD", "35 euros", "42.99 AUD", "1 200 ¥"
            var start = i;
            var grouped = amount;
            var afterGroups = ThousandGroups(t, i, ref grouped);
            if (afterGroups > i + 1 && afterGroups < t.Length && (Symbol(t[afterGroups]) is not null || lex.CurrencyWords.Match(t, afterGroups) > 0))
            {
                amount = grouped;
                i = afterGroups - 1;
            }

            var k = i + 1;
            if (k < t.Length && Symbol(t[k]) is var (afterCurrency, afterDollar))
            {
                k++;
                var (currency, dollar) = Code(t, ref k, lex) ?? (afterCurrency, afterDollar);
                return new Money(amount, currency, dollar, start, k);
            }

            if (Code(t, ref k, lex) is var (code, isDollar))
            {
                return new Money(amount, code, isDollar, start, k);
            }

            i = start;
        }

        return null;
    }

    private static (string? Currency, bool Dollar)? Symbol(Token token) => token.Norm switch
    {
        "$" => (null, true),
        "€" => ("EUR", false),
        "£" => ("GBP", false),
        "¥" => ("JPY", false),
        _ => null,
    };

    private static (string? Currency, bool Dollar)? Code(Token[] t, ref int k, Lexicon lex)
    {
        var n = lex.CurrencyWords.Match(t, k, out var currency);
        if (n == 0)
        {
            return null;
        }

        k += n;
        return (currency, currency is null);
    }

    /// <summary>
    /// "1 200", "12 500,50": groups of three digits after a space (or a no-break space) continue the amount. Returns the
    /// index after the last group.
    /// </summary>
    private static int ThousandGroups(Token[] t, int i, ref decimal amount)
    {
        var k = i + 1;
        if (!t[i].IsIntegerNumber || t[i].Norm.Length > 3)
        {
            return k;
        }

        while (k < t.Length && t[k].IsNumber && !t[k].Glued && t[k].Norm.Length >= 3 && t[k].Norm.Take(3).All(char.IsDigit)
            && (t[k].Norm.Length == 3 || (t[k].Norm[3] is ',' or '.' && t[k].Norm.Length is 5 or 6))
            && decimal.TryParse(t[k].Norm.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var group))
        {
            amount = (amount * 1000) + group;
            k++;
            if (!t[k - 1].IsIntegerNumber)
            {
                break;
            }
        }

        return k;
    }

    /// <summary>"12.50" and "12,50" are decimals; "1,250" and "1.250" (three digits after) are thousands.</summary>
    public static bool TryAmount(Token token, out decimal amount)
    {
        var text = token.Norm;
        var separator = text.LastIndexOfAny([',', '.']);
        if (separator >= 0 && text.Length - separator - 1 == 3)
        {
            text = text.Replace(",", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal);
        }
        else
        {
            text = text.Replace(',', '.');
            if (text.Count(c => c == '.') > 1)
            {
                amount = 0;
                return false;
            }
        }

        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount) && amount > 0;
    }
}
