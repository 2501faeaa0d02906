namespace PersonalAssistant.Language.Tests;

/// <summary>The command-line contract: one answer line per case, in order, nothing else on the output.</summary>
public sealed class NluJsonlTests
{
    [Fact]
    public async Task EveryCase_GetsOneAnswerLine_InOrder_AndBrokenLinesAreReportedNotSkipped()
    {
        var input = new StringReader(string.Join('\n',
            """{"id": "a", "text": "remind me to call mom tomorrow at 3pm", "now": "2026-03-10T09:15:00", "tz": "America/Toronto", "lang": "en", "expect": {"intent": "x"}}""",
            "not json",
            """{"id": "c", "text": "fini", "now": "2026-03-10T09:15:00", "tz": "Mars/Olympus"}""",
            "",
            """{"id": "d", "text": "we need milk", "now": "2026-03-10T09:15:00", "tz": "Europe/Paris"}"""));
        var output = new StringWriter();
        var errors = new StringWriter();

        var exit = await NluJsonl.RunAsync(Parsing.Engine, input, output, errors, CancellationToken.None);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Contains("\"id\":\"a\",\"intent\":\"reminder.create\"", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"when\":\"2026-03-11T15:00:00-04:00\"", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"intent\":\"chat\"", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"id\":\"c\",\"intent\":\"chat\"", lines[2], StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus", lines[2], StringComparison.Ordinal);
        Assert.Contains("\"id\":\"d\",\"intent\":\"grocery.add\"", lines[3], StringComparison.Ordinal);
        Assert.Equal(1, exit);
        Assert.Contains("line 2", errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("line 3", errors.ToString(), StringComparison.Ordinal);
    }
}
