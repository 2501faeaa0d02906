using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PersonalAssistant.Server.Audit;

/// <summary>No foreign keys: the trail outlives the accounts it mentions.</summary>
internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("AuditEvents");
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.Property(e => e.UserAgent).HasMaxLength(512);
        builder.Property(e => e.Detail).HasMaxLength(256);
        builder.HasIndex(e => e.OccurredAt);
        builder.HasIndex(e => new { e.SubjectUserId, e.OccurredAt });
        builder.HasIndex(e => new { e.Action, e.OccurredAt });
    }
}
