using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using PersonalAssistant.Server.Persistence;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Identity;

/// <summary>What a stolen copy of the database reveals: no key material, so nothing the keys protect.</summary>
[Trait("Category", "Integration")]
public sealed class SecretsAtRestTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    [Fact]
    public async Task DataProtectionKeys_AreEncryptedInTheDatabase_AndStillWork()
    {
        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        var protectedValue = protector.Protect("a secret");

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var keys = await db.DataProtectionKeys.AsNoTracking().ToListAsync();

        Assert.NotEmpty(keys);
        Assert.All(keys, key =>
        {
            Assert.Contains("keyRingEncrypted", key.Xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", key.Xml, StringComparison.Ordinal);
        });
        Assert.Equal("a secret", protector.Unprotect(protectedValue));
    }

    [Fact]
    public void MasterKeyFile_IsReadableByTheOwnerOnly()
    {
        var file = Path.Combine(app.DataDirectory, "master.key");
        _ = app.Services.GetRequiredService<PersonalAssistant.Server.Identity.ServerSecrets>();

        Assert.True(File.Exists(file));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }
}
