using PersonalAssistant.Server.Localization;

namespace PersonalAssistant.Server.Messaging;

/// <summary>The texts of account emails and SMS codes, in the person's language, from the message catalog.</summary>
internal static class AccountMessages
{
    public static EmailMessage VerifyEmail(string to, string locale, string name, Uri link, Guid userId) =>
        new(to, Texts.Get(locale, "Email.Verify.Subject"), Texts.Format(locale, "Email.Verify.Body", name, link), userId);

    public static EmailMessage ResetPassword(string to, string locale, string name, Uri link, Guid userId) =>
        new(to, Texts.Get(locale, "Email.Reset.Subject"), Texts.Format(locale, "Email.Reset.Body", name, link), userId);

    /// <summary>To the owner of an address someone tried to register again (the register answer does not tell).</summary>
    public static EmailMessage RegistrationAttempt(string to, string locale, string name, Uri signIn, Guid userId) =>
        new(to, Texts.Get(locale, "Email.RegistrationAttempt.Subject"), Texts.Format(locale, "Email.RegistrationAttempt.Body", name, signIn), userId);

    /// <summary>The code is passed as text so the locale does not regroup its digits.</summary>
    public static SmsMessage Code(string to, string locale, string code, Guid userId) =>
        new(to, Texts.Format(locale, "Sms.Code", code), userId);
}
