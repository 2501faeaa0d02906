using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Persistence;

/// <summary><c>bench seed</c> is in the production host's command line: it must not fill a database with real people.</summary>
[Trait("Category", "Integration")]
public sealed class BenchmarkSeedTests : IClassFixture<AssistantApp>
{
    private readonly AssistantApp _app;

    public BenchmarkSeedTests(AssistantApp app) => _app = app;

    [Fact]
    public async Task Seed_OnADatabaseWithMoreThanTheRegisteredPerson_RefusesAndWritesNothing()
    {
        var measured = await Accounts.RegisterAndLoginAsync(_app);
        await Accounts.RegisterAndLoginAsync(_app);
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var people = await db.Users.CountAsync();

        var exit = await BenchmarkSeed.SeedAsync(db, _app.Clock.GetUtcNow(), measured.Email, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Equal(people, await db.Users.CountAsync());
        Assert.Equal(0, await db.ConversationMessages.CountAsync(m => m.UserId == measured.Id));
    }
}
