using System.Globalization;

namespace PersonalAssistant.Server.Messaging;

/// <summary>The texts of account emails and SMS codes, in the person's language (en, fr).</summary>
internal static class AccountMessages
{
    public static EmailMessage VerifyEmail(string to, string locale, string name, Uri link, Guid userId) => locale == "fr"
        ? new EmailMessage(to, "Confirmez votre adresse e-mail",
            $"Bonjour {name},\n\nConfirmez votre adresse en ouvrant ce lien :\n{link}\n\nSi vous n'avez pas créé de compte, ignorez ce message.", userId)
        : new EmailMessage(to, "Confirm your email address",
            $"Hi {name},\n\nConfirm your address by opening this link:\n{link}\n\nIf you did not create an account, ignore this message.", userId);

    public static EmailMessage ResetPassword(string to, string locale, string name, Uri link, Guid userId) => locale == "fr"
        ? new EmailMessage(to, "Réinitialiser votre mot de passe",
            $"Bonjour {name},\n\nPour choisir un nouveau mot de passe, ouvrez ce lien dans l'heure :\n{link}\n\nSi vous n'avez rien demandé, ignorez ce message : votre mot de passe ne change pas.", userId)
        : new EmailMessage(to, "Reset your password",
            $"Hi {name},\n\nTo choose a new password, open this link within the hour:\n{link}\n\nIf you did not ask for this, ignore this message: your password stays the same.", userId);

    /// <summary>To the owner of an address someone tried to register again (the register answer does not tell).</summary>
    public static EmailMessage RegistrationAttempt(string to, string locale, string name, Uri signIn, Guid userId) => locale == "fr"
        ? new EmailMessage(to, "Quelqu'un a essayé de créer un compte avec votre adresse",
            $"Bonjour {name},\n\nQuelqu'un a essayé de créer un compte avec votre adresse, mais vous en avez déjà un.\nConnectez-vous, ou réinitialisez votre mot de passe depuis la page de connexion :\n{signIn}\n\nSi ce n'était pas vous, ignorez ce message : rien n'a changé sur votre compte.", userId)
        : new EmailMessage(to, "Someone tried to register with your address",
            $"Hi {name},\n\nSomeone tried to create an account with your address, but you already have one.\nSign in, or reset your password from the sign-in page:\n{signIn}\n\nIf this was not you, ignore this message: nothing changed on your account.", userId);

    public static SmsMessage Code(string to, string locale, string code, Guid userId) => locale == "fr"
        ? new SmsMessage(to, string.Create(CultureInfo.InvariantCulture, $"Votre code Personal Assistant : {code}. Il expire dans 10 minutes. Ne le partagez avec personne."), userId)
        : new SmsMessage(to, string.Create(CultureInfo.InvariantCulture, $"Your Personal Assistant code is {code}. It expires in 10 minutes. Never share it."), userId);
}
