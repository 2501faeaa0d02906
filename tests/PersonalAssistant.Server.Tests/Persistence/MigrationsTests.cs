using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Persistence;

[Trait("Category", "Integration")]
public sealed class MigrationsTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    /// <summary>Fails when the model changed without a migration for this run's provider (see CONTRIBUTING.md).</summary>
    [Fact]
    public void Model_HasAMigrationForEveryChange()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes with no {AssistantApp.DatabaseProvider} migration: run scripts/add-migration.sh <Name>.");
    }

    [Fact]
    public async Task Start_AppliesEveryMigration()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
    }
}
