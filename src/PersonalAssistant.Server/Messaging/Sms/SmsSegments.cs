using System.Collections.Frozen;

namespace PersonalAssistant.Server.Messaging.Sms;

/// <summary>How an SMS body is encoded on the air.</summary>
internal enum SmsEncoding
{
    /// <summary>The GSM 03.38 7-bit default alphabet (with its extension table).</summary>
    Gsm7,

    /// <summary>UCS-2 (UTF-16 code units): anything outside GSM 03.38, an emoji for instance.</summary>
    Ucs2,
}

/// <summary>What a body costs: its encoding, its length in units (septets or UTF-16 code units) and its segments.</summary>
internal sealed record SmsSegmentInfo(SmsEncoding Encoding, int Units, int Segments);

/// <summary>
/// GSM 03.38 detection and segment counting, as carriers (and Twilio) count them. GSM-7: 160 septets in a single
/// message, 153 per part of a concatenated one; the extension characters (form feed and <c>^{}\[~]|€</c>) take two
/// septets (escape + character) and are never split across parts. UCS-2: 70 UTF-16 code units single, 67 per part; a
/// surrogate pair is never split across parts. An empty body is 0 segments.
/// </summary>
internal static class SmsSegments
{
    public const int Gsm7Single = 160;
    public const int Gsm7Part = 153;
    public const int Ucs2Single = 70;
    public const int Ucs2Part = 67;

    /// <summary>The GSM 03.38 basic character set (one septet each; ESC 0x1B itself is not a character).</summary>
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /// <summary>The GSM 03.38 extension table (two septets each: ESC + character).</summary>
    private const string Extension = "\f^{}\\[~]|€";

    private static readonly FrozenSet<char> BasicSet = Basic.ToFrozenSet();
    private static readonly FrozenSet<char> ExtensionSet = Extension.ToFrozenSet();

    /// <summary>Whether every character of <paramref name="text"/> is in the GSM 03.38 basic set or its extension table.</summary>
    public static bool IsGsm7(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (!BasicSet.Contains(c) && !ExtensionSet.Contains(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Septets a GSM-7 character takes: 1 in the basic set, 2 in the extension table.</summary>
    public static int Septets(char c) => ExtensionSet.Contains(c) ? 2 : 1;

    public static SmsSegmentInfo Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return new SmsSegmentInfo(SmsEncoding.Gsm7, 0, 0);
        }

        return IsGsm7(text) ? AnalyzeGsm7(text) : AnalyzeUcs2(text);
    }

    /// <summary>The number of segments <paramref name="text"/> is sent in.</summary>
    public static int Count(string text) => Analyze(text).Segments;

    private static SmsSegmentInfo AnalyzeGsm7(string text)
    {
        var septets = 0;
        foreach (var c in text)
        {
            septets += Septets(c);
        }

        if (septets <= Gsm7Single)
        {
            return new SmsSegmentInfo(SmsEncoding.Gsm7, septets, 1);
        }

        // Concatenated: fill parts of 153 septets; an escape sequence that does not fit starts the next part.
        var segments = 1;
        var used = 0;
        foreach (var c in text)
        {
            var size = Septets(c);
            if (used + size > Gsm7Part)
            {
                segments++;
                used = 0;
            }

            used += size;
        }

        return new SmsSegmentInfo(SmsEncoding.Gsm7, septets, segments);
    }

    private static SmsSegmentInfo AnalyzeUcs2(string text)
    {
        if (text.Length <= Ucs2Single)
        {
            return new SmsSegmentInfo(SmsEncoding.Ucs2, text.Length, 1);
        }

        // Concatenated: fill parts of 67 code units; a surrogate pair that does not fit starts the next part.
        var segments = 1;
        var used = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var size = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            if (used + size > Ucs2Part)
            {
                segments++;
                used = 0;
            }

            used += size;
            i += size - 1;
        }

        return new SmsSegmentInfo(SmsEncoding.Ucs2, text.Length, segments);
    }
}
