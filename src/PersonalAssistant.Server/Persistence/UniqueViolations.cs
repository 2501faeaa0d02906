using Microsoft.EntityFrameworkCore;

namespace PersonalAssistant.Server.Persistence;

internal static class UniqueViolations
{
    /// <summary>The save broke a unique index: another writer got there first (PostgreSQL 23505, SQLite constraint 19).</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception?.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation }
            or Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 };
}
