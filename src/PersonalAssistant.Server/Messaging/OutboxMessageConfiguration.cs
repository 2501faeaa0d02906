using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PersonalAssistant.Server.Messaging;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("Outbox");
        builder.Property(m => m.Channel).HasMaxLength(16);
        builder.Property(m => m.Recipient).HasMaxLength(256);
        builder.Property(m => m.Subject).HasMaxLength(256);
        builder.Property(m => m.Body).HasMaxLength(8000);
        builder.HasIndex(m => m.CreatedAt);
        builder.HasIndex(m => new { m.Recipient, m.CreatedAt });
    }
}
