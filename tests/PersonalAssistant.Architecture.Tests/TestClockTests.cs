using System.Text.RegularExpressions;

namespace PersonalAssistant.Architecture.Tests;

/// <summary>
/// The server tests run on one clock, the test host's (<c>AssistantApp.Clock</c>, ADR 0004): a test that needs time
/// to pass advances it, and "today" is computed from it. These checks read the test sources.
/// </summary>
public sealed partial class TestClockTests
{
    private static readonly string Tests = Path.Combine(SourceFiles.RepositoryRoot(), "tests", "PersonalAssistant.Server.Tests");

    /// <summary>Reads of the real clock outside the test infrastructure, each with its reason.</summary>
    private static readonly Dictionary<string, string> RealClockAllowed = new(StringComparer.Ordinal)
    {
        ["Common/IdsTests.cs"] = "Ids.NewV7() stamps ids with the system clock by design (only a sort prefix); the test compares against it.",
        ["Fakes/FakePushService.cs"] = "a push service checks a VAPID token's expiry against its own clock; Lib.Net.Http.WebPush stamps it from the system clock.",
    };

    /// <summary>Files that may wait in real time, each with its reason: none of them waits for time to pass.</summary>
    private static readonly Dictionary<string, string> DelayAllowed = new(StringComparer.Ordinal)
    {
        ["Infrastructure/Accounts.cs"] = "polls, with a 5-second deadline, until a revoked access token is refused (the bound under test).",
        ["Infrastructure/FakeChatCompletionsServer.cs"] = "a fake language model that answers slowly on request (timeouts, cancellation).",
        ["Infrastructure/MetricsScrape.cs"] = "polls /metrics, with a deadline, until the exporter's cached scrape includes the measurements.",
        ["Infrastructure/Eventually.cs"] = "polls, with a 30-second deadline, until work the host does on its own threads (the inbound SMS lanes) shows its result.",
        ["Host/BackgroundJobsTests.cs"] = "polls, with a deadline, until Hangfire's server (on real time, its own threads) has run the job.",
        ["Features/Notifications/ReminderDispatchLoopTests.cs"] = "waits, with a 5-second deadline (the issue's due-to-send bound), for the hub event of the host's own dispatch loop.",
        ["Messaging/SmtpDeliveryTests.cs"] = "polls, with a deadline, until the queued mail reaches the fake SMTP server.",
        ["Messaging/EmailJobTests.cs"] = "polls, with a deadline, until Hangfire's server (on real time) has run the email job and marked the row.",
        ["Messaging/FlakySmtpServer.cs"] = "polls, with a deadline, until the fake SMTP server has received the mail.",
        ["Features/Assistant/DurableTurnTests.cs"] = "polls, with a deadline, until the restarted host's turn workers (real threads) have stored the reply.",
        ["Features/Push/PushEndToEndTests.cs"] = "polls, with a deadline, until Hangfire's server (on real time) has run the delivery job and the fake push service has the message.",
    };

    [Fact]
    public void NoTest_Sleeps()
    {
        var offenders = SourcesMatching(ThreadSleep()).ToList();

        Assert.True(offenders.Count == 0, "Advance the app's clock (AssistantApp.Clock) instead of sleeping in: " + string.Join(", ", offenders));
    }

    [Fact]
    public void NoTest_ReadsTheRealClock_OutsideTheInfrastructure()
    {
        var offenders = SourcesMatching(RealClock())
            .Where(path => !path.StartsWith("Infrastructure/", StringComparison.Ordinal) && !RealClockAllowed.ContainsKey(path))
            .ToList();

        Assert.True(offenders.Count == 0,
            "Read the time from the app's clock (app.Clock.GetUtcNow(), app.Today(zone)) instead of the real clock in: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Waits_AreOnlyInFilesThatPollWithADeadline()
    {
        var offenders = SourcesMatching(TaskDelay()).Where(path => !DelayAllowed.ContainsKey(path)).ToList();

        Assert.True(offenders.Count == 0,
            "Task.Delay lets real time pass: advance the app's clock, or, to wait for something asynchronous, poll with a deadline "
            + "and add the file to DelayAllowed with its reason. Found in: " + string.Join(", ", offenders));
    }

    [Fact]
    public void TheAllowlists_NameFilesThatStillNeedIt()
    {
        var stale = RealClockAllowed.Keys.Except(SourcesMatching(RealClock()))
            .Concat(DelayAllowed.Keys.Except(SourcesMatching(TaskDelay())))
            .ToList();

        Assert.True(stale.Count == 0, "Remove these entries, their files no longer need them: " + string.Join(", ", stale));
    }

    private static IEnumerable<string> SourcesMatching(Regex pattern) =>
        Directory.EnumerateFiles(Tests, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                           && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(path => pattern.IsMatch(File.ReadAllText(path)))
            .Select(path => Path.GetRelativePath(Tests, path).Replace(Path.DirectorySeparatorChar, '/'));

    [GeneratedRegex(@"\bThread\.Sleep\b")]
    private static partial Regex ThreadSleep();

    [GeneratedRegex(@"\bDateTime(Offset)?\.(Now|UtcNow|Today)\b|\bTimeProvider\.System\b")]
    private static partial Regex RealClock();

    [GeneratedRegex(@"\bTask\.Delay\b")]
    private static partial Regex TaskDelay();
}
