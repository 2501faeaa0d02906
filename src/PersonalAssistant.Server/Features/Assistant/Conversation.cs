using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>
/// A conversation with the assistant on one channel. Its messages are append-only. It holds at most one open
/// question the assistant asked (a confirmation or a clarification), answered by the next message.
/// </summary>
internal sealed class Conversation
{
    public Guid Id { get; set; } = Ids.NewV7();

    public Guid UserId { get; set; }

    /// <summary>From the first message until the person renames it.</summary>
    public string? Title { get; set; }

    public string Channel { get; set; } = Channels.Web;

    public bool Archived { get; set; }

    /// <summary>The open question, as JSON (<see cref="PendingQuestion"/>), or null.</summary>
    public string? Pending { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the last message was added.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One message. Never rewritten: corrections and undos are new messages.</summary>
internal sealed class ConversationMessage
{
    /// <summary>Ascending in insertion order on both databases, so it is also the paging cursor.</summary>
    public long Id { get; set; }

    public Guid ConversationId { get; set; }

    public Guid UserId { get; set; }

    public required string Role { get; set; }

    public required string Channel { get; set; }

    public required string Text { get; set; }

    /// <summary>The message this one answers (a thread); an assistant reply points at the person's message.</summary>
    public long? ReplyToId { get; set; }

    /// <summary>What the assistant did in this turn, as JSON (a list of <see cref="ActionTaken"/>).</summary>
    public string? Actions { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>What the person wrote in <paramref name="conversation"/>, trimmed at the ends only, which becomes the conversation's latest.</summary>
    public static ConversationMessage FromPerson(Conversation conversation, string text, long? replyTo, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(text);
        conversation.UpdatedAt = now;
        return new ConversationMessage
        {
            ConversationId = conversation.Id,
            UserId = conversation.UserId,
            Role = MessageRoles.User,
            Channel = conversation.Channel,
            Text = text.Trim(),
            ReplyToId = replyTo,
            CreatedAt = now,
        };
    }
}

internal static class MessageRoles
{
    public const string User = "user";
    public const string Assistant = "assistant";
}

/// <summary>
/// A change the assistant made for the person, kept so that "undo" can reverse it: what it touched and how to
/// put it back.
/// </summary>
internal sealed class AssistantAction
{
    public Guid Id { get; set; } = Ids.NewV7();

    public Guid UserId { get; set; }

    public Guid ConversationId { get; set; }

    /// <summary>The person's message that led to it: the actions of one turn are undone together.</summary>
    public long TurnMessageId { get; set; }

    /// <summary>See <see cref="ActionKinds"/>.</summary>
    public required string Kind { get; set; }

    public Guid EntityId { get; set; }

    /// <summary>The list of a list item, the parent of a subtask.</summary>
    public Guid? ContainerId { get; set; }

    /// <summary>What to restore: the previous status of a completed task, the previous quantity of a merged item.</summary>
    public string? Previous { get; set; }

    public required string Summary { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? UndoneAt { get; set; }
}

internal static class ActionKinds
{
    public const string TaskCreated = "task.created";
    public const string TaskCompleted = "task.completed";
    public const string ReminderCreated = "reminder.created";
    public const string NoteCreated = "note.created";
    public const string EventCreated = "event.created";
    public const string ListItemAdded = "list-item.added";
    public const string ListItemMerged = "list-item.merged";
    public const string ListItemChecked = "list-item.checked";
    public const string ExpenseCreated = "expense.created";
    public const string MemoryCreated = "memory.created";
    public const string ReminderSnoozed = "reminder.snoozed";
    public const string ReminderAcknowledged = "reminder.acknowledged";
    public const string Deleted = "deleted";
    public const string ItemUpdated = "item.updated";
    public const string ItemDeleted = "item.deleted";
}

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public const int MaxTitleLength = 120;

    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.ToTable("Conversations");
        builder.Property(c => c.Title).HasMaxLength(MaxTitleLength);
        builder.Property(c => c.Channel).HasMaxLength(16);
        builder.Property(c => c.Pending).HasMaxLength(8000);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.UserId, c.UpdatedAt });
    }
}

internal sealed class ConversationMessageConfiguration : IEntityTypeConfiguration<ConversationMessage>
{
    public const int MaxTextLength = 4000;

    public void Configure(EntityTypeBuilder<ConversationMessage> builder)
    {
        builder.ToTable("ConversationMessages");
        builder.Property(m => m.Id).ValueGeneratedOnAdd();
        builder.Property(m => m.Role).HasMaxLength(16);
        builder.Property(m => m.Channel).HasMaxLength(16);
        builder.Property(m => m.Text).HasMaxLength(MaxTextLength);
        builder.Property(m => m.Actions).HasMaxLength(16000);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.ConversationId, m.Id });
        builder.HasIndex(m => new { m.UserId, m.Id });
        builder.HasIndex(m => m.CreatedAt); // TurnRecovery's look for messages without a reply
    }
}

internal sealed class AssistantActionConfiguration : IEntityTypeConfiguration<AssistantAction>
{
    public void Configure(EntityTypeBuilder<AssistantAction> builder)
    {
        builder.ToTable("AssistantActions");
        builder.Property(a => a.Kind).HasMaxLength(32);
        builder.Property(a => a.Previous).HasMaxLength(200);
        builder.Property(a => a.Summary).HasMaxLength(400);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(a => a.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.UserId, a.CreatedAt });
    }
}
