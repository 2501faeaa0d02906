using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Profile;

/// <summary>Security issue 13, finding 7: texting codes needs a confirmed email and stays within hourly limits.</summary>
[Trait("Category", "Integration")]
public sealed class PhoneNumberAbuseTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    [Fact]
    public async Task AddPhoneNumber_UnconfirmedEmail_Is403_AndTextsNothing()
    {
        var user = await Accounts.RegisterAndLoginAsync(app, confirmEmail: false);
        using var client = user.Client(app);
        var number = Infrastructure.Mfa.NewUsNumber();

        using var response = await client.PostAsJsonAsync("/api/v1/users/me/phone-numbers", new { number });

        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("Email not confirmed", problem.GetProperty("title").GetString());
        Assert.Equal(0, await SmsCountAsync(app, user.Id));
    }

    [Fact]
    public async Task AddPhoneNumber_VerifiedOnAnotherAccount_AnswersLikeAFreeNumber_AndTextsNothing()
    {
        var owner = await Accounts.RegisterAndLoginAsync(app);
        var (_, e164) = await Infrastructure.Mfa.AddVerifiedPhoneAsync(app, owner, Infrastructure.Mfa.NewUsNumber());
        var other = await Accounts.RegisterAndLoginAsync(app);
        using var client = other.Client(app);

        using var taken = await client.PostAsJsonAsync("/api/v1/users/me/phone-numbers", new { number = e164 });
        using var free = await client.PostAsJsonAsync("/api/v1/users/me/phone-numbers", new { number = Infrastructure.Mfa.NewUsNumber() });

        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        Assert.Equal(free.StatusCode, taken.StatusCode);
        var a = await taken.Content.ReadFromJsonAsync<JsonElement>();
        var b = await free.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(b.EnumerateObject().Select(p => p.Name), a.EnumerateObject().Select(p => p.Name));
        Assert.False(a.GetProperty("verified").GetBoolean());
        Assert.Equal(1, await SmsCountAsync(app, other.Id));
    }

    internal static async Task<int> SmsCountAsync(AssistantApp app, Guid userId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PersonalAssistant.Server.Persistence.AppDbContext>();
        return await db.Outbox.CountAsync(m => m.UserId == userId && m.Channel == "sms");
    }
}

/// <summary>Hourly limits on texted codes per number (whatever the account), per account and per instance.</summary>
[Trait("Category", "Integration")]
public sealed class SmsCodeLimitTests : IAsyncLifetime
{
    private readonly AssistantApp _app = new AssistantApp()
        .With("RateLimits:SmsCodesPerNumber:PermitLimit", "2")
        .With("RateLimits:SmsCodesPerAccount:PermitLimit", "3")
        .With("RateLimits:SmsCodesPerInstance:PermitLimit", "6");

    public Task InitializeAsync() => ((IAsyncLifetime)_app).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task SmsCodes_PerNumberPerAccountAndPerInstance_AreLimitedPerHour()
    {
        // Per number, across accounts: the third account adding the same unverified number gets no code.
        var shared = Infrastructure.Mfa.NewUsNumber();
        Assert.Equal(HttpStatusCode.Created, await AddAsync(await NewUserAsync(), shared));
        Assert.Equal(HttpStatusCode.Created, await AddAsync(await NewUserAsync(), shared));
        Assert.Equal(HttpStatusCode.TooManyRequests, await AddAsync(await NewUserAsync(), shared));

        // Per account, across numbers: codes 1..3 of the hour (instance total 5).
        var busy = await NewUserAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, await AddAsync(busy, Infrastructure.Mfa.NewUsNumber()));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await AddAsync(busy, Infrastructure.Mfa.NewUsNumber()));

        // Per instance: the sixth code of the hour goes out, the seventh does not, whoever asks.
        Assert.Equal(HttpStatusCode.Created, await AddAsync(await NewUserAsync(), Infrastructure.Mfa.NewUsNumber()));
        Assert.Equal(HttpStatusCode.TooManyRequests, await AddAsync(await NewUserAsync(), Infrastructure.Mfa.NewUsNumber()));
    }

    private Task<TestUser> NewUserAsync() => Accounts.RegisterAndLoginAsync(_app);

    private async Task<HttpStatusCode> AddAsync(TestUser user, string number)
    {
        using var client = user.Client(_app);
        using var response = await client.PostAsJsonAsync("/api/v1/users/me/phone-numbers", new { number });
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.TooManyRequests);
            Assert.NotNull(response.Headers.RetryAfter);
        }

        return response.StatusCode;
    }
}
