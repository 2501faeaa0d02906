namespace PersonalAssistant.Server.Identity;

/// <summary>The second factors an account accepts at sign-in, in the order the web app offers them.</summary>
internal static class MfaMethods
{
    public const string Totp = "totp";
    public const string Sms = "sms";
    public const string Recovery = "recovery";

    public static IReadOnlyList<string> Of(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var methods = new List<string>();
        if (user.TotpEnabled)
        {
            methods.Add(Totp);
        }

        if (user.SmsMfaEnabled)
        {
            methods.Add(Sms);
        }

        methods.Add(Recovery);
        return methods;
    }
}
