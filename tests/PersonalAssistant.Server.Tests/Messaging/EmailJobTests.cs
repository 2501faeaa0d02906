using System.Globalization;
using System.Net;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Messaging;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Messaging;

/// <summary>
/// Email as a durable job (issue 16): the request stores the email and enqueues a job carrying its id; the job sends it
/// through SMTP (a fake server speaking the protocol), retries a transient refusal, gives up on a permanent one, and
/// survives a restart of the host.
/// </summary>
[Trait("Category", "Integration")]
public sealed class EmailJobTests
{
    [Fact]
    public async Task TransientSmtpRefusal_IsRetried_AndTheEmailIsSentOnce()
    {
        await using var smtp = new FlakySmtpServer(failures: 1);
        var app = Configure(new AssistantApp(), smtp, workers: 2);
        await ((IAsyncLifetime)app).InitializeAsync();
        try
        {
            var email = await RegisterAsync(app);

            // the first try met a 451: the job waits for its retry (the project's backoff); bring the retry forward
            var retry = await ScheduledJobWithinAsync(app, TimeSpan.FromSeconds(30));
            Assert.NotNull(retry);
            Assert.Empty(smtp.Received);
            app.Services.GetRequiredService<IBackgroundJobClient>().Requeue(retry);

            Assert.True(await smtp.ReceivedWithinAsync(1, TimeSpan.FromSeconds(90)));
            var sent = Assert.Single(smtp.Received);
            Assert.Contains("Subject: Confirm your email address", sent, StringComparison.Ordinal);
            Assert.Contains(email, sent, StringComparison.Ordinal);
            var row = await RowWithinAsync(app, r => r.SentAt is not null, TimeSpan.FromSeconds(30)); // marked after the SMTP reply
            Assert.NotNull(row.SentAt);
            Assert.Equal(2, row.Attempts);
            Assert.Equal(string.Empty, row.BodyProtected); // the link is erased once sent
            Assert.Equal(2, smtp.Attempts);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    [Fact]
    public async Task PermanentSmtpRefusal_IsNotRetried()
    {
        await using var smtp = new FlakySmtpServer(failures: 1, refusal: "550 5.1.1 Mailbox unavailable");
        var app = Configure(new AssistantApp(), smtp, workers: 2);
        await ((IAsyncLifetime)app).InitializeAsync();
        try
        {
            await RegisterAsync(app);

            var row = await RowWithinAsync(app, r => r.RejectedAt is not null, TimeSpan.FromSeconds(30));
            Assert.NotNull(row.RejectedAt);
            Assert.Equal(550, row.LastStatus);
            Assert.Equal(1, row.Attempts);
            Assert.Null(await ScheduledJobWithinAsync(app, TimeSpan.FromSeconds(2)));
            Assert.Equal(1, smtp.Attempts);
            Assert.Empty(smtp.Received);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    [Fact]
    public async Task EmailEnqueuedBeforeARestart_IsSentByTheNextHost()
    {
        await using var smtp = new FlakySmtpServer(failures: 0);
        var first = Configure(new AssistantApp(), smtp, workers: 0); // no job server: nothing is sent on this host
        await ((IAsyncLifetime)first).InitializeAsync();
        try
        {
            var email = await RegisterAsync(first);
            Assert.Empty(smtp.Received);
            await first.DisposeAsync(); // the host stops; the email and its job are stored

            var second = first.Restarted().With("Jobs:Workers", "2");
            await ((IAsyncLifetime)second).InitializeAsync();
            try
            {
                Assert.True(await smtp.ReceivedWithinAsync(1, TimeSpan.FromSeconds(90)));
                Assert.Contains(email, Assert.Single(smtp.Received), StringComparison.Ordinal);
                Assert.NotNull((await RowWithinAsync(second, r => r.SentAt is not null, TimeSpan.FromSeconds(30))).SentAt);
            }
            finally
            {
                await ((IAsyncLifetime)second).DisposeAsync();
            }
        }
        finally
        {
            await ((IAsyncLifetime)first).DisposeAsync();
        }
    }

    private static AssistantApp Configure(AssistantApp app, FlakySmtpServer smtp, int workers) => app
        .With("Email:SmtpHost", "127.0.0.1")
        .With("Email:SmtpPort", smtp.Port.ToString(CultureInfo.InvariantCulture))
        .With("Email:Security", "None")
        .With("Email:FromAddress", "assistant@example.test")
        .With("Jobs:Storage", string.Empty)
        .With("Jobs:Workers", workers.ToString(CultureInfo.InvariantCulture))
        .With("Jobs:QueuePollIntervalSeconds", "1")
        .With("Jobs:RetryBaseDelaySeconds", "600");

    /// <summary>Registers an account: the confirmation email is the one email queued.</summary>
    private static async Task<string> RegisterAsync(AssistantApp app)
    {
        var email = Accounts.NewEmail();
        using var client = app.CreateClient();
        using var registered = await client.PostAsJsonAsync("/api/v1/auth/register",
            new { email, password = Accounts.StrongPassword, displayName = "Test Person", timeZone = "Europe/Paris" });
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        return email;
    }

    private static async Task<QueuedEmail> RowAsync(AssistantApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<QueuedEmail>().AsNoTracking().SingleAsync();
    }

    private static async Task<QueuedEmail> RowWithinAsync(AssistantApp app, Func<QueuedEmail, bool> wanted, TimeSpan deadline)
    {
        var until = Environment.TickCount64 + (long)deadline.TotalMilliseconds;
        var row = await RowAsync(app);
        while (!wanted(row) && Environment.TickCount64 < until)
        {
            await Task.Delay(100);
            row = await RowAsync(app);
        }

        return row;
    }

    private static async Task<string?> ScheduledJobWithinAsync(AssistantApp app, TimeSpan deadline)
    {
        var monitoring = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var until = Environment.TickCount64 + (long)deadline.TotalMilliseconds;
        do
        {
            if (monitoring.ScheduledJobs(0, 10).FirstOrDefault() is { Key: { } id })
            {
                return id;
            }

            await Task.Delay(100);
        }
        while (Environment.TickCount64 < until);
        return null;
    }
}
