using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PersonalAssistant.Server.Identity;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(100);
        builder.Property(u => u.TimeZone).HasMaxLength(64);
        builder.Property(u => u.Locale).HasMaxLength(8);
        builder.Property(u => u.TotpSecretProtected).HasMaxLength(1024);
        builder.Ignore(u => u.HasMfa);
        builder.OwnsOne(u => u.Preferences, preferences =>
        {
            preferences.Property(p => p.ReplyStyle).HasMaxLength(16);
            preferences.Property(p => p.DefaultCurrency).HasMaxLength(3);
        });
        builder.Navigation(u => u.Preferences).IsRequired();
    }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("Sessions");
        builder.Property(s => s.DeviceLabel).HasMaxLength(100);
        builder.Property(s => s.UserAgent).HasMaxLength(512);
        builder.Property(s => s.IpAddress).HasMaxLength(64);
        builder.Property(s => s.RevokedReason).HasMaxLength(64);
        builder.HasIndex(s => new { s.UserId, s.RevokedAt });
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        builder.ToTable("RefreshTokens");
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.SessionId);
        builder.HasOne<UserSession>().WithMany().HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MfaChallengeConfiguration : IEntityTypeConfiguration<MfaChallenge>
{
    public void Configure(EntityTypeBuilder<MfaChallenge> builder)
    {
        builder.ToTable("MfaChallenges");
        builder.Property(c => c.TokenHash).HasMaxLength(64);
        builder.Property(c => c.UserAgent).HasMaxLength(512);
        builder.Property(c => c.IpAddress).HasMaxLength(64);
        builder.HasIndex(c => c.TokenHash).IsUnique();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RecoveryCodeConfiguration : IEntityTypeConfiguration<RecoveryCode>
{
    public void Configure(EntityTypeBuilder<RecoveryCode> builder)
    {
        builder.ToTable("RecoveryCodes");
        builder.Property(c => c.CodeHash).HasMaxLength(64);
        builder.HasIndex(c => c.UserId);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PhoneNumberConfiguration : IEntityTypeConfiguration<PhoneNumber>
{
    public void Configure(EntityTypeBuilder<PhoneNumber> builder)
    {
        builder.ToTable("PhoneNumbers");
        builder.Property(p => p.E164).HasMaxLength(16);
        builder.Ignore(p => p.IsVerified);
        builder.HasIndex(p => new { p.UserId, p.E164 }).IsUnique();
        // A number belongs to at most one account once verified; the database enforces it, not only the code.
        builder.HasIndex(p => p.E164).IsUnique().HasFilter("\"VerifiedAt\" IS NOT NULL").HasDatabaseName("IX_PhoneNumbers_E164_Verified");
        builder.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SmsOptOutConfiguration : IEntityTypeConfiguration<SmsOptOut>
{
    public void Configure(EntityTypeBuilder<SmsOptOut> builder)
    {
        builder.ToTable("SmsOptOuts");
        builder.HasKey(o => o.E164);
        builder.Property(o => o.E164).HasMaxLength(32);
    }
}

internal sealed class VerificationCodeConfiguration : IEntityTypeConfiguration<VerificationCode>
{
    public void Configure(EntityTypeBuilder<VerificationCode> builder)
    {
        builder.ToTable("VerificationCodes");
        builder.Property(c => c.CodeHash).HasMaxLength(64);
        builder.Property(c => c.Purpose).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(c => new { c.UserId, c.Purpose, c.TargetId });
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The roles are data the code relies on, so they ship in the migrations with fixed ids.</summary>
internal sealed class AppRoleConfiguration : IEntityTypeConfiguration<AppRole>
{
    public void Configure(EntityTypeBuilder<AppRole> builder) => builder.HasData(
        Seed(AppRoles.User, "0193a000-0000-7000-8000-000000000001"),
        Seed(AppRoles.Premium, "0193a000-0000-7000-8000-000000000002"),
        Seed(AppRoles.Administrator, "0193a000-0000-7000-8000-000000000003"));

    private static AppRole Seed(string name, string id) => new()
    {
        Id = Guid.Parse(id),
        Name = name,
        NormalizedName = name.ToUpperInvariant(),
        ConcurrencyStamp = id,
    };
}
