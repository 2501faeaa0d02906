using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Tasks;

/// <summary>
/// A to-do. Due is a local date (the person's calendar day), with <see cref="DueAt"/> when a time was given.
/// Subtasks point at their parent and keep an order.
/// </summary>
internal sealed class TaskItem
{
    public Guid Id { get; set; } = Ids.NewV7();

    public Guid UserId { get; set; }

    public Guid? ParentId { get; set; }

    public int Position { get; set; }

    public required string Title { get; set; }

    public string? Notes { get; set; }

    public DateOnly? DueDate { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public string Priority { get; set; } = TaskPriorities.Medium;

    public string Status { get; set; } = TaskStatuses.Open;

    public List<string> Tags { get; set; } = [];

    public int? EstimatedMinutes { get; set; }

    public string? Energy { get; set; }

    /// <summary>Local days that ended with the task open past its due (counted once per day).</summary>
    public int MissedCount { get; set; }

    /// <summary>The last local day counted in <see cref="MissedCount"/>.</summary>
    public DateOnly? MissedThrough { get; set; }

    /// <summary>When the missed counter reached the person's threshold and a breakdown was proposed.</summary>
    public DateTimeOffset? BreakdownSuggestedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public bool IsOpen => Status is TaskStatuses.Open or TaskStatuses.InProgress;
}

internal static class TaskStatuses
{
    public const string Open = "open";
    public const string InProgress = "in_progress";
    public const string Done = "done";
    public const string Skipped = "skipped";
}

internal static class TaskPriorities
{
    public const string Low = "low";
    public const string Medium = "medium";
    public const string High = "high";

    public static int Rank(string priority) => priority switch { High => 2, Medium => 1, _ => 0 };
}

internal static class EnergyLevels
{
    public const string Low = "low";
    public const string Medium = "medium";
    public const string High = "high";

    public static int Rank(string? energy) => energy switch { High => 2, Medium => 1, Low => 0, _ => 1 };
}

internal sealed class TaskItemConfiguration : IEntityTypeConfiguration<TaskItem>
{
    public const int MaxTitleLength = 500;
    public const int MaxNotesLength = 20_000;

    public void Configure(EntityTypeBuilder<TaskItem> builder)
    {
        builder.ToTable("Tasks");
        builder.Property(t => t.Title).HasMaxLength(MaxTitleLength);
        builder.Property(t => t.Notes).HasMaxLength(MaxNotesLength);
        builder.Property(t => t.Priority).HasMaxLength(16);
        builder.Property(t => t.Status).HasMaxLength(16);
        builder.Property(t => t.Energy).HasMaxLength(16);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<TaskItem>().WithMany().HasForeignKey(t => t.ParentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.UserId, t.Status, t.DueDate });
        builder.HasIndex(t => new { t.UserId, t.ParentId, t.Position });
        builder.HasIndex(t => new { t.Status, t.DueDate });
        builder.Ignore(t => t.IsOpen);
    }
}
