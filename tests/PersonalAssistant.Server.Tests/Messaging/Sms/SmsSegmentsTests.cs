using PersonalAssistant.Server.Messaging.Sms;

namespace PersonalAssistant.Server.Tests.Messaging.Sms;

public sealed class SmsSegmentsTests
{
    [Theory]
    [InlineData("Hello, world!")]
    [InlineData("Rappel : café à 15 h, après l'école. Ça va ? Où ? Très bien.")] // é è à ù Ç in the basic set
    [InlineData("@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà")]
    [InlineData("{braces} [brackets] ~tilde~ |pipe| ^caret \\backslash 5€")]
    [InlineData("line\nbreak\r\n")]
    public void GsmText_IsGsm7(string text)
    {
        Assert.True(SmsSegments.IsGsm7(text));
        Assert.Equal(SmsEncoding.Gsm7, SmsSegments.Analyze(text).Encoding);
    }

    [Theory]
    [InlineData("ça")] // lower-case ç is not in GSM 03.38 (only Ç is)
    [InlineData("ê")]
    [InlineData("â")]
    [InlineData("î")]
    [InlineData("ô")]
    [InlineData("û")]
    [InlineData("ë")]
    [InlineData("œuvre")]
    [InlineData("« guillemets »")]
    [InlineData("l’apostrophe")] // typographic apostrophe
    [InlineData("Done 👍")]
    [InlineData("tab\there")]
    [InlineData("`backtick`")]
    public void OtherText_IsUcs2(string text)
    {
        Assert.False(SmsSegments.IsGsm7(text));
        Assert.Equal(SmsEncoding.Ucs2, SmsSegments.Analyze(text).Encoding);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    [InlineData(459, 3)]
    [InlineData(460, 4)]
    public void Gsm7_Is160Single_And153PerPart(int length, int segments)
    {
        var info = SmsSegments.Analyze(new string('a', length));
        Assert.Equal(length, info.Units);
        Assert.Equal(segments, info.Segments);
        Assert.Equal(segments, SmsSegments.Count(new string('a', length)));
    }

    [Fact]
    public void ExtensionCharacters_CountTwoSeptets()
    {
        Assert.Equal(new SmsSegmentInfo(SmsEncoding.Gsm7, 160, 1), SmsSegments.Analyze(new string('€', 80)));
        Assert.Equal(new SmsSegmentInfo(SmsEncoding.Gsm7, 162, 2), SmsSegments.Analyze(new string('{', 81)));
        Assert.Equal(2, SmsSegments.Septets('^'));
        Assert.Equal(2, SmsSegments.Septets('\f'));
        Assert.Equal(1, SmsSegments.Septets('é'));

        // 159 septets then one escape sequence: 161, two parts
        Assert.Equal(new SmsSegmentInfo(SmsEncoding.Gsm7, 161, 2), SmsSegments.Analyze(new string('a', 159) + "]"));
    }

    [Fact]
    public void AnEscapeSequence_IsNeverSplitAcrossParts()
    {
        // 152 septets + '€' (2) does not fit in 153: '€' opens part 2 (2 + 150 = 152), and the last '€' does not fit either:
        // 306 septets would be 2 parts if split freely, but escape sequences stay whole, so 3.
        var text = new string('a', 152) + "€" + new string('a', 150) + "€";
        Assert.Equal(306, SmsSegments.Analyze(text).Units);
        Assert.Equal(3, SmsSegments.Count(text));
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void Ucs2_Is70Single_And67PerPart(int length, int segments)
    {
        var text = "ç" + new string('a', length - 1);
        Assert.Equal(new SmsSegmentInfo(SmsEncoding.Ucs2, length, segments), SmsSegments.Analyze(text));
    }

    [Fact]
    public void Emoji_CountTwoCodeUnits_AndASurrogatePairIsNeverSplit()
    {
        Assert.Equal(new SmsSegmentInfo(SmsEncoding.Ucs2, 70, 1), SmsSegments.Analyze(string.Concat(Enumerable.Repeat("😀", 35))));
        Assert.Equal(new SmsSegmentInfo(SmsEncoding.Ucs2, 72, 2), SmsSegments.Analyze(string.Concat(Enumerable.Repeat("😀", 36))));

        // 66 units then an emoji: it does not fit in part 1 (67) and moves to part 2 whole; 134 units in 3 parts, not 2
        var text = new string('ê', 66) + "😀" + new string('ê', 66);
        Assert.Equal(134, SmsSegments.Analyze(text).Units);
        Assert.Equal(3, SmsSegments.Count(text));
    }

    [Fact]
    public void OneUcs2Character_MakesTheWholeMessageUcs2()
    {
        var gsm = new string('a', 100);
        Assert.Equal(1, SmsSegments.Count(gsm));
        Assert.Equal(2, SmsSegments.Count(gsm + "ç"));
    }
}
