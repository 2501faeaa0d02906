using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Host;

/// <summary>
/// <c>users create-admin --email</c>: creates an administrator for scripted setups, or promotes an existing account.
/// The password comes from standard input with <c>--password-stdin</c>; otherwise a strong one is generated and
/// printed once.
/// </summary>
internal static class UsersCommand
{
    public static async Task<int> CreateAdminAsync(
        string[] hostArgs, string email, string? displayName, bool passwordFromStdin, CancellationToken cancellationToken)
    {
        if (!EmailAddress.TryNormalize(email, out var normalized, out var emailError))
        {
            await Console.Error.WriteLineAsync("email: " + EmailAddress.Describe(Locales.English, emailError));
            return 1;
        }

        email = normalized;
        await using var app = AssistantHost.Build(hostArgs);
        await DatabaseStartup.PrepareAsync(app.Services, cancellationToken);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();

        var user = await users.FindByEmailAsync(email);
        string? generated = null;
        if (user is null)
        {
            var password = passwordFromStdin ? (await Console.In.ReadLineAsync(cancellationToken))?.TrimEnd('\r', '\n') : null;
            if (passwordFromStdin && string.IsNullOrEmpty(password))
            {
                await Console.Error.WriteLineAsync("No password on standard input.");
                return 1;
            }

            generated = password is null ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_') : null;
            user = new AppUser
            {
                Id = Ids.NewV7(),
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = string.IsNullOrWhiteSpace(displayName) ? email.Split('@')[0] : displayName.Trim(),
                CreatedAt = time.GetUtcNow(),
            };
            var created = await users.CreateAsync(user, password ?? generated!);
            if (!created.Succeeded)
            {
                var reasons = IdentityProblems.ToFieldErrors(created, "password", Locales.English).SelectMany(field => field.Value);
                await Console.Error.WriteLineAsync("Could not create the account: " + string.Join(" ", reasons));
                return 1;
            }
        }

        var missing = AppRoles.Includes(AppRoles.Administrator).Except(await users.GetRolesAsync(user)).ToList();
        if (missing.Count > 0)
        {
            await users.AddToRolesAsync(user, missing);
        }

        await Console.Error.WriteLineAsync(generated is null && !passwordFromStdin
            ? $"{email} is an administrator now (existing account, password unchanged)."
            : $"Created the administrator {email}.");
        if (generated is not null)
        {
            // The only time this password is shown: standard output, so a script can capture it.
            await Console.Out.WriteLineAsync(generated);
        }

        return 0;
    }

    internal static bool LooksLikeEmail(string value) => System.Net.Mail.MailAddress.TryCreate(value, out var address) && address.Address == value;
}
