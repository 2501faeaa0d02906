using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Persistence;

public sealed class SqliteCheckpointerTests
{
    [Fact]
    public async Task TheLogIsCheckpointedBesideTheWrites_NotInsideTheCommitThatFillsIt()
    {
        await using var app = new AssistantApp();
        await ((IAsyncLifetime)app).InitializeAsync();
        var checkpointer = app.Services.GetServices<IHostedService>().OfType<SqliteCheckpointer>().SingleOrDefault();
        if (TestEnvironment.IsPostgres)
        {
            Assert.Null(checkpointer); // PostgreSQL checkpoints on its own
            return;
        }

        Assert.NotNull(checkpointer);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.OpenConnectionAsync();
        await using (var autocheckpoint = db.Database.GetDbConnection().CreateCommand())
        {
            autocheckpoint.CommandText = "PRAGMA wal_autocheckpoint;";
            Assert.Equal(0L, await autocheckpoint.ExecuteScalarAsync()); // no commit checkpoints on its own
        }

        await db.Database.ExecuteSqlRawAsync("CREATE TABLE checkpoint_probe (value INTEGER);");
        for (var i = 0; i < 2 * SqliteWriteGate.WritesPerCheckpoint; i++)
        {
            await db.Database.ExecuteSqlRawAsync("INSERT INTO checkpoint_probe VALUES (1);");
        }

        Assert.True(await Eventually.UntilAsync(() => Task.FromResult(checkpointer.Completed), completed => completed >= 1) >= 1);
    }
}
