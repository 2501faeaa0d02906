using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Features.Privacy;

/// <summary>
/// One decision of a person about one kind of consent: agreed or withdrawn, when, through what, and the exact words they
/// were shown. Rows are only ever added (the history is the record); the newest row of a kind is the current answer.
/// </summary>
internal sealed class Consent
{
    public Guid Id { get; set; } = Ids.NewV7();

    public Guid UserId { get; set; }

    /// <summary>One of <see cref="ConsentKinds"/>.</summary>
    public string Kind { get; set; } = string.Empty;

    public bool Granted { get; set; }

    /// <summary>The version of the wording (<see cref="ConsentKinds.Version"/>) the person saw.</summary>
    public string Version { get; set; } = string.Empty;

    /// <summary>The words shown, in the language they were shown in.</summary>
    public string Text { get; set; } = string.Empty;

    public string Locale { get; set; } = string.Empty;

    /// <summary>Where the decision was made: one of <see cref="ConsentSources"/>.</summary>
    public string Source { get; set; } = string.Empty;

    public DateTimeOffset At { get; set; }
}

internal sealed class ConsentConfiguration : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> builder)
    {
        builder.ToTable("Consents");
        builder.Property(c => c.Kind).HasMaxLength(16);
        builder.Property(c => c.Version).HasMaxLength(16);
        builder.Property(c => c.Text).HasMaxLength(2000);
        builder.Property(c => c.Locale).HasMaxLength(8);
        builder.Property(c => c.Source).HasMaxLength(16);
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.UserId, c.Kind, c.At });
    }
}

/// <summary>What a person can agree to: the terms of the instance, and each proactive channel.</summary>
internal static class ConsentKinds
{
    public const string Terms = "terms";
    public const string Sms = Identity.Channels.Sms;
    public const string Email = Identity.Channels.Email;
    public const string Push = Identity.Channels.Push;

    /// <summary>The version of every consent text in the catalog (<c>Consent.{Kind}.Text</c>); changing a text changes it.</summary>
    public const string Version = "2026-12-06";

    public static readonly IReadOnlyList<string> All = [Terms, Sms, Email, Push];

    /// <summary>The kinds that are channels the assistant may write on unasked.</summary>
    public static readonly IReadOnlySet<string> Channels = new HashSet<string>(StringComparer.Ordinal) { Sms, Email, Push };

    public static string TextKey(string kind) => "Consent." + char.ToUpperInvariant(kind[0]) + kind[1..] + ".Text";
}

internal static class ConsentSources
{
    /// <summary>The sign-up form (the terms).</summary>
    public const string SignUp = "sign-up";

    /// <summary>Turning a channel on or off in the settings, or on the privacy page.</summary>
    public const string Settings = "settings";

    /// <summary>A STOP or START texted to the assistant.</summary>
    public const string SmsKeyword = "sms-keyword";
}
