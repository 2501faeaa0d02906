using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Tests.Infrastructure;
using StackExchange.Redis;

namespace PersonalAssistant.Server.Tests.Features.Assistant;

/// <summary>
/// A live connection to <c>/hubs/assistant</c> lives no longer than the session and access token that opened it
/// (issue 13, finding 1): every way a session ends closes it within 5 seconds, and it gets nothing of later turns.
/// </summary>
[Trait("Category", "Integration")]
public sealed class HubSessionTests(HubSessionTests.Host host) : IClassFixture<HubSessionTests.Host>
{
    /// <summary>The replicas' wire format, spelled out here so a change to it fails a test.</summary>
    private static readonly RedisChannel EndedChannel = RedisChannel.Literal("pa:sessions:ended");

    private AssistantApp App => host.App;

    [Fact]
    public async Task HubConnection_SessionRevokedFromAnotherDevice_ClosesAndGetsNoMoreTurns()
    {
        var phone = await Accounts.RegisterAndLoginAsync(App);
        var laptop = await Accounts.LoginAsync(App, phone.Email, phone.Password, phone.Id);
        await using var phoneHub = await HubListener.ConnectAsync(App, phone.AccessToken);
        await using var laptopHub = await HubListener.ConnectAsync(App, laptop.AccessToken);
        using var laptopClient = laptop.Client(App);

        using var revoke = await laptopClient.DeleteAsync($"/api/v1/sessions/{await SessionIdAsync(phone)}");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        await phoneHub.AssertClosedWithinFiveSecondsAsync();
        await HubListener.AssertNewTurnReachesOnlyAsync(laptopClient, live: laptopHub, closed: phoneHub);
        laptopHub.AssertOpen();
    }

    [Fact]
    public async Task HubConnection_Logout_ClosesAndGetsNoMoreTurns()
    {
        var phone = await Accounts.RegisterAndLoginAsync(App);
        var laptop = await Accounts.LoginAsync(App, phone.Email, phone.Password, phone.Id);
        await using var phoneHub = await HubListener.ConnectAsync(App, phone.AccessToken);
        await using var laptopHub = await HubListener.ConnectAsync(App, laptop.AccessToken);

        using (var phoneClient = phone.Client(App))
        {
            using var logout = await phoneClient.PostAsync("/api/v1/auth/logout", null);
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        await phoneHub.AssertClosedWithinFiveSecondsAsync();
        using var laptopClient = laptop.Client(App);
        await HubListener.AssertNewTurnReachesOnlyAsync(laptopClient, live: laptopHub, closed: phoneHub);
    }

    [Fact]
    public async Task HubConnection_PasswordChangedOnAnotherDevice_ClosesAndTheChangingDeviceStays()
    {
        var phone = await Accounts.RegisterAndLoginAsync(App);
        var laptop = await Accounts.LoginAsync(App, phone.Email, phone.Password, phone.Id);
        await using var phoneHub = await HubListener.ConnectAsync(App, phone.AccessToken);
        await using var laptopHub = await HubListener.ConnectAsync(App, laptop.AccessToken);
        using var laptopClient = laptop.Client(App);

        using var changed = await laptopClient.PostAsJsonAsync("/api/v1/auth/change-password",
            new { currentPassword = phone.Password, newPassword = "quiet harbor violet 58" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        await phoneHub.AssertClosedWithinFiveSecondsAsync();
        await HubListener.AssertNewTurnReachesOnlyAsync(laptopClient, live: laptopHub, closed: phoneHub);
        laptopHub.AssertOpen();
    }

    [Fact]
    public async Task HubConnection_RoleGrantedByAnAdministrator_ClosesTheConnectionOpenedWithTheOldToken()
    {
        var admin = await AdministratorAsync();
        var user = await Accounts.RegisterAndLoginAsync(App);
        await using var oldHub = await HubListener.ConnectAsync(App, user.AccessToken);
        using var adminClient = admin.Client(App);
        App.Clock.Advance(TimeSpan.FromSeconds(1)); // the grant comes after the token, not at the same instant

        using var granted = await adminClient.PostAsJsonAsync($"/api/v1/admin/users/{user.Id}/roles", new { role = "premium" });
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);

        await oldHub.AssertClosedWithinFiveSecondsAsync();
        // The session lives on: a refreshed token (with the new role) connects again and gets the next turn.
        var refreshed = await RefreshAsync(user);
        await using var newHub = await HubListener.ConnectAsync(App, refreshed.AccessToken);
        using var client = refreshed.Client(App);
        await HubListener.AssertNewTurnReachesOnlyAsync(client, live: newHub, closed: oldHub);
    }

    [Fact]
    public async Task HubConnection_AccountDeactivatedByAnAdministrator_Closes()
    {
        var admin = await AdministratorAsync();
        var user = await Accounts.RegisterAndLoginAsync(App);
        await using var hub = await HubListener.ConnectAsync(App, user.AccessToken);
        using var adminClient = admin.Client(App);

        using var deactivated = await adminClient.PatchAsJsonAsync($"/api/v1/admin/users/{user.Id}", new { isActive = false });
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);

        await hub.AssertClosedWithinFiveSecondsAsync();
        await Accounts.AssertTokenDiesWithinFiveSecondsAsync(App, user);
    }

    [Fact]
    public async Task HubConnection_AccessTokenExpires_ClosesByTheInjectedClock()
    {
        var app = new AssistantApp().WithRunningClock();
        await ((IAsyncLifetime)app).InitializeAsync();
        try
        {
            var phone = await Accounts.RegisterAndLoginAsync(app);
            await using var phoneHub = await HubListener.ConnectAsync(app, phone.AccessToken);

            // The access token lives 15 minutes; the host's clock moves past that without the test waiting for it,
            // and the watcher's next one-second tick sees the jump.
            app.Clock.Advance(TimeSpan.FromMinutes(16));

            await phoneHub.AssertClosedWithinFiveSecondsAsync();
            // The same person signs in again on a laptop (the phone's token has expired by the same clock); the reply
            // to the laptop's turn reaches the laptop, and the closed connection gets none of it.
            var laptop = await Accounts.LoginAsync(app, phone.Email, phone.Password, phone.Id);
            using var laptopClient = laptop.Client(app);
            Assert.StartsWith("Got it: water the plants", Chat.Text(await Chat.SayAsync(laptopClient, await Chat.StartAsync(laptopClient),
                "water the plants on saturday")), StringComparison.Ordinal);
            Assert.Equal(0, phoneHub.Events);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    [Fact]
    public async Task StreamedReply_ReachesTheOwnersSessions_AndNobodyElse()
    {
        var owner = await Accounts.RegisterAndLoginAsync(App);
        var other = await Accounts.RegisterAndLoginAsync(App);
        using var client = owner.Client(App);
        var hubUrl = new Uri(client.BaseAddress!, "/hubs/assistant");
        await using var ownerHub = ConnectHub(hubUrl, owner.AccessToken);
        await using var otherHub = ConnectHub(hubUrl, other.AccessToken);
        var completed = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        var leaked = 0;
        ownerHub.On<JsonElement>("turnStarted", _ => Interlocked.Increment(ref started));
        ownerHub.On<JsonElement>("turnCompleted", message => completed.TrySetResult(message));
        var ownersConversation = Guid.Empty; // set once the hubs are connected, before any turn
        var othersTurn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (var name in new[] { "turnStarted", "textDelta", "actionTaken", "turnCompleted" })
        {
            otherHub.On<JsonElement>(name, message =>
            {
                if (message.GetProperty("conversationId").GetGuid() == ownersConversation)
                {
                    Interlocked.Increment(ref leaked);
                }
                else if (name == "turnCompleted")
                {
                    othersTurn.TrySetResult();
                }
            });
        }

        await ownerHub.StartAsync();
        await otherHub.StartAsync();
        var conversation = await Chat.StartAsync(client);
        ownersConversation = conversation;
        using var accepted = await client.PostAsJsonAsync($"/api/v1/conversations/{conversation}/messages", new { text = "water the plants on saturday" });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        var reply = await completed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.StartsWith("Got it: water the plants, ", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, started);
        // A barrier instead of a pause: the other person's own turn reaches their connection after anything the
        // owner's finished turn could have sent it, since one connection's messages arrive in order.
        using var otherClient = other.Client(App);
        using var othersMessage = await otherClient.PostAsJsonAsync($"/api/v1/conversations/{await Chat.StartAsync(otherClient)}/messages", new { text = "thanks" });
        Assert.Equal(HttpStatusCode.Accepted, othersMessage.StatusCode);
        await othersTurn.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, leaked);

        await using var anonymous = new HubConnectionBuilder().WithUrl(hubUrl).Build();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => anonymous.StartAsync());
    }

    [Fact]
    public async Task SessionRevoked_WithRedis_IsAnnouncedToEveryReplica()
    {
        if (TestEnvironment.Redis is not { } redisConfiguration)
        {
            // Without Redis there is one replica: the revocation closes its connections directly (the tests above).
            return;
        }

        var user = await Accounts.RegisterAndLoginAsync(App);
        var sessionId = await SessionIdAsync(user);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(redisConfiguration);
        var announced = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = await redis.GetSubscriber().SubscribeAsync(EndedChannel);
        subscription.OnMessage(message =>
        {
            if (message.Message.ToString().Contains(sessionId.ToString(), StringComparison.Ordinal))
            {
                announced.TrySetResult(message.Message.ToString());
            }
        });

        using (var client = user.Client(App))
        {
            using var logout = await client.PostAsync("/api/v1/auth/logout", null);
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        var message = JsonDocument.Parse(await announced.Task.WaitAsync(TimeSpan.FromSeconds(5))).RootElement;
        Assert.Equal([sessionId], message.GetProperty("Sessions").EnumerateArray().Select(id => id.GetGuid()));
        Assert.Equal(JsonValueKind.Null, message.GetProperty("ValidAfter").ValueKind);
        await subscription.UnsubscribeAsync();
    }

    [Fact]
    public async Task HubConnection_WithRedis_ClosesWhenAnotherReplicaAnnouncesItsSessionEnded()
    {
        if (TestEnvironment.Redis is not { } redisConfiguration)
        {
            return;
        }

        var user = await Accounts.RegisterAndLoginAsync(App);
        await using var hub = await HubListener.ConnectAsync(App, user.AccessToken);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(redisConfiguration);

        // What another replica publishes after revoking the session in the shared database; this host revoked nothing.
        var announcement = JsonSerializer.Serialize(new { Sessions = new[] { await SessionIdAsync(user) }, ValidAfter = (long?)null });
        Assert.True(await redis.GetSubscriber().PublishAsync(EndedChannel, announcement) >= 1);

        await hub.AssertClosedWithinFiveSecondsAsync();
    }

    private async Task<Guid> SessionIdAsync(TestUser user)
    {
        using var client = user.Client(App);
        var sessions = await client.GetFromJsonAsync<JsonElement>("/api/v1/sessions");
        return sessions.EnumerateArray().Single(s => s.GetProperty("current").GetBoolean()).GetProperty("id").GetGuid();
    }

    private async Task<TestUser> RefreshAsync(TestUser user)
    {
        using var client = App.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return user with { AccessToken = body.GetProperty("accessToken").GetString()!, RefreshToken = body.GetProperty("refreshToken").GetString() };
    }

    private async Task<TestUser> AdministratorAsync()
    {
        var admin = await Accounts.RegisterAndLoginAsync(App);
        using (var scope = App.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByIdAsync(admin.Id.ToString());
            Assert.True((await users.AddToRolesAsync(user!, [AppRoles.Premium, AppRoles.Administrator])).Succeeded);
        }

        return await Accounts.LoginAsync(App, admin.Email, admin.Password, admin.Id);
    }

    /// <summary>A host of its own where nobody becomes administrator by signing up first, so test order does not matter.</summary>
    private static HubConnection ConnectHub(Uri url, string token) =>
        new HubConnectionBuilder().WithUrl(url, options => options.AccessTokenProvider = () => Task.FromResult<string?>(token)).Build();

    public sealed class Host : IAsyncLifetime
    {
        public AssistantApp App { get; } = new AssistantApp().WithRunningClock().With("Auth:FirstUserIsAdmin", "false");

        public Task InitializeAsync() => ((IAsyncLifetime)App).InitializeAsync();

        public Task DisposeAsync() => ((IAsyncLifetime)App).DisposeAsync();
    }
}
