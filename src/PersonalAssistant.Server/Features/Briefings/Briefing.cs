using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Features.Briefings;

/// <summary>
/// One person's briefing of one kind for one local day, written when it is sent (or knowingly not sent). The unique key
/// (person, kind, local date) is what makes a second sending impossible, whoever writes it: two replicas, or a retried
/// job.
/// </summary>
internal sealed class Briefing
{
    public Guid Id { get; set; } = Ids.NewV7();

    public Guid UserId { get; set; }

    /// <summary><see cref="BriefingKinds"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>The person's calendar day it is for.</summary>
    public DateOnly LocalDate { get; set; }

    /// <summary>When it was due (the person's briefing time that day, UTC).</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>When it was written (UTC).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary><see cref="BriefingOutcomes"/>.</summary>
    public required string Outcome { get; set; }

    /// <summary>The in-app notification that carried it, when one was sent.</summary>
    public Guid? NotificationId { get; set; }
}

/// <summary>The two kinds, named like the notifications that carry them.</summary>
internal static class BriefingKinds
{
    /// <summary>The morning briefing.</summary>
    public const string Morning = "briefing";

    /// <summary>The evening review.</summary>
    public const string Evening = "review";
}

internal static class BriefingOutcomes
{
    public const string Sent = "sent";

    /// <summary>Nothing to say that day: no notification.</summary>
    public const string Empty = "empty";

    /// <summary>More than <see cref="BriefingOptions.MaxLateHours"/> late (the host was down): a morning briefing at noon helps nobody.</summary>
    public const string SkippedLate = "skipped-late";
}

internal sealed class BriefingConfiguration : IEntityTypeConfiguration<Briefing>
{
    public void Configure(EntityTypeBuilder<Briefing> builder)
    {
        builder.ToTable("Briefings");
        builder.Property(b => b.Kind).HasMaxLength(16);
        builder.Property(b => b.Outcome).HasMaxLength(16);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(b => b.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(b => new { b.UserId, b.Kind, b.LocalDate }).IsUnique();
        builder.HasIndex(b => b.At);
    }
}

/// <summary>The morning briefing and the evening review (section <c>Briefings</c>).</summary>
internal sealed class BriefingOptions
{
    public const string Section = "Briefings";

    /// <summary>Hours after its time that a briefing is still sent; a later one (after downtime) is recorded as skipped.</summary>
    public int MaxLateHours { get; set; } = 3;

    public TimeSpan MaxLate => TimeSpan.FromHours(MaxLateHours);

    internal sealed class Validator : IValidateOptions<BriefingOptions>
    {
        public ValidateOptionsResult Validate(string? name, BriefingOptions options)
        {
            var failures = new OptionsFailures();
            if (options.MaxLateHours is < 1 or > 12)
            {
                failures.Add("Briefings:MaxLateHours", "must be between 1 and 12.");
            }

            return failures.ToResult();
        }
    }
}
