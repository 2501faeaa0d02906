using System.Net;
using System.Net.Sockets;
using netDumbster.smtp;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Messaging;

/// <summary>With an SMTP server configured, account emails go out over SMTP (a real SMTP conversation with a local
/// fake server), not into the outbox.</summary>
[Trait("Category", "Integration")]
public sealed class SmtpDeliveryTests : IAsyncLifetime
{
    private readonly SimpleSmtpServer _smtp;
    private readonly AssistantApp _app;

    public SmtpDeliveryTests()
    {
        _smtp = SimpleSmtpServer.Start(FreePort());
        _app = new AssistantApp()
            .With("Email:SmtpHost", "127.0.0.1")
            .With("Email:SmtpPort", _smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("Email:Security", "None")
            .With("Email:FromAddress", "assistant@example.test")
            .With("Auth:PublicBaseUrl", "https://assistant.example.test")
            .With("Jobs:QueuePollIntervalSeconds", "1"); // emails go out as jobs
    }

    public Task InitializeAsync() => ((IAsyncLifetime)_app).InitializeAsync();

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_app).DisposeAsync();
        _smtp.Dispose();
    }

    [Fact]
    public async Task ForgotPassword_SendsTheResetLinkOverSmtp_OnThePublicAddress()
    {
        var user = await Accounts.RegisterAndLoginAsync(_app, confirmEmail: false);
        using var client = _app.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = user.Email });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        // Delivery is a job (an inline SMTP round trip would time-tell which addresses have accounts): wait for it.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (_smtp.ReceivedEmailCount < 2 && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }

        var reset = _smtp.ReceivedEmail.Single(m => m.Headers["Subject"] == "Reset your password");
        Assert.Equal(user.Email, reset.ToAddresses.Single().ToString());
        Assert.Contains("https://assistant.example.test/reset-password?email=", reset.MessageParts[0].BodyData, StringComparison.Ordinal);
        Assert.Contains(_smtp.ReceivedEmail, m => m.Headers["Subject"] == "Confirm your email address");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
