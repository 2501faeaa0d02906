using PersonalAssistant.Server.Features.Privacy;
using PersonalAssistant.Server.Identity;

namespace PersonalAssistant.Server.Tests.Infrastructure;

public static partial class Accounts
{
    /// <summary>
    /// For a test that turns channels on by writing the preferences itself: records the consents Settings records when a
    /// person turns them on there (each channel's words shown), in the same unit of work. The caller saves.
    /// </summary>
    internal static Task ConsentToChannelsAsync(IServiceProvider scoped, AppUser account) =>
        scoped.GetRequiredService<ConsentService>().StageChannelChangesAsync(account.Id, account.Locale, [], account.Preferences.PreferredChannels, CancellationToken.None);
}
