using Npgsql;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Tests.Persistence;

public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void ByDefault_StatementsArePrepared_AndThePooledSessionIsNotReset()
    {
        var built = new NpgsqlConnectionStringBuilder(
            DatabaseRegistration.PostgresConnectionString("Host=db;Database=assistant", new DatabaseOptions { Provider = "Postgres" }));

        Assert.Equal(DatabaseRegistration.DefaultMaxAutoPrepare, built.MaxAutoPrepare);
        Assert.True(built.NoResetOnClose);
        Assert.Equal("db", built.Host);
    }

    [Fact]
    public void Options_WinOverTheConnectionString()
    {
        var options = new DatabaseOptions { Provider = "Postgres" };
        options.Postgres.MaxPoolSize = 12;
        options.Postgres.MaxAutoPrepare = 0;
        options.Postgres.ResetOnClose = true;

        var built = new NpgsqlConnectionStringBuilder(
            DatabaseRegistration.PostgresConnectionString("Host=db;Maximum Pool Size=90;Max Auto Prepare=20", options));

        Assert.Equal(12, built.MaxPoolSize);
        Assert.Equal(0, built.MaxAutoPrepare);
        Assert.False(built.NoResetOnClose);
    }
}
