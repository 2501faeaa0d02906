using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PersonalAssistant.Server.Audit;
using PersonalAssistant.Server.Features.Assistant;
using PersonalAssistant.Server.Features.Events;
using PersonalAssistant.Server.Features.Expenses;
using PersonalAssistant.Server.Features.Exports;
using PersonalAssistant.Server.Features.Lists;
using PersonalAssistant.Server.Features.Memories;
using PersonalAssistant.Server.Features.Notes;
using PersonalAssistant.Server.Features.Notifications;
using PersonalAssistant.Server.Features.Reminders;
using PersonalAssistant.Server.Features.Tasks;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Messaging;

namespace PersonalAssistant.Server.Persistence;

/// <summary>
/// The one EF Core model. Each provider has its own subclass so that each keeps its own checked-in migration set
/// (see docs/adr/0002-sqlite-and-postgresql.md); features only ever see <see cref="AppDbContext"/>.
/// </summary>
internal abstract class AppDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser, AppRole, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>ASP.NET Core Data Protection keys, shared by every replica and kept across restarts.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<UserSession> Sessions => Set<UserSession>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<MfaChallenge> MfaChallenges => Set<MfaChallenge>();

    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();

    public DbSet<PhoneNumber> PhoneNumbers => Set<PhoneNumber>();

    public DbSet<VerificationCode> VerificationCodes => Set<VerificationCode>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<TaskItem> Tasks => Set<TaskItem>();

    public DbSet<Reminder> Reminders => Set<Reminder>();

    public DbSet<ItemList> Lists => Set<ItemList>();

    public DbSet<ListItem> ListItems => Set<ListItem>();

    public DbSet<Expense> Expenses => Set<Expense>();

    public DbSet<Memory> Memories => Set<Memory>();

    public DbSet<Note> Notes => Set<Note>();

    public DbSet<NoteLink> NoteLinks => Set<NoteLink>();

    public DbSet<EventItem> Events => Set<EventItem>();

    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<ConversationMessage> ConversationMessages => Set<ConversationMessage>();

    public DbSet<AssistantAction> AssistantActions => Set<AssistantAction>();

    public DbSet<DataExport> DataExports => Set<DataExport>();

    public DbSet<DataExportChunk> DataExportChunks => Set<DataExportChunk>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        // Relationships between features are declared here, where features meet, so no feature references another.
        builder.Entity<Reminder>().HasOne<TaskItem>().WithMany().HasForeignKey(r => r.TaskId).OnDelete(DeleteBehavior.SetNull);
        builder.Entity<Notification>().HasOne<Reminder>().WithMany().HasForeignKey(n => n.ReminderId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    /// <summary>
    /// SQLite has no date-time type: EF stores DateTimeOffset as text, which it cannot compare or sort in SQL.
    /// Stored as a 64-bit number instead (every value here is UTC, so the order is the time order).
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

internal sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    /// <summary>
    /// Full-text search of notes: a generated tsvector column with a GIN index on the owner and the vector together
    /// (btree_gin, a trusted extension shipped with PostgreSQL), so a search intersects one person's entries inside the
    /// index instead of matching every person's notes first. SQLite uses FTS5, see the migrations.
    /// </summary>
    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("btree_gin");
        builder.Entity<Note>().Property<NpgsqlTypes.NpgsqlTsVector>("SearchVector")
            .HasComputedColumnSql(NoteSearch.PostgresSearchVector, stored: true);
        builder.Entity<Note>().HasIndex("UserId", "SearchVector").HasMethod("GIN").HasDatabaseName("IX_Notes_UserId_SearchVector");
    }
}
