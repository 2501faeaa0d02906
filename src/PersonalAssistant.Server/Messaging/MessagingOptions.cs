using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Messaging;

/// <summary>Outgoing email (section <c>Email</c>). With no SMTP host, every email goes to the outbox instead.</summary>
internal sealed class EmailOptions
{
    public const string Section = "Email";

    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    /// <summary><c>StartTls</c> (default), <c>SslOnConnect</c> or <c>None</c> (a local relay only).</summary>
    public string Security { get; set; } = "StartTls";

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string FromAddress { get; set; } = "assistant@localhost";

    public string FromName { get; set; } = "Personal Assistant";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(SmtpHost);

    internal sealed class Validator : IValidateOptions<EmailOptions>
    {
        private static readonly string[] SecurityModes = ["StartTls", "SslOnConnect", "None"];

        public ValidateOptionsResult Validate(string? name, EmailOptions options)
        {
            var failures = new OptionsFailures();
            if (options.SmtpPort is < 1 or > 65535)
            {
                failures.Add("Email:SmtpPort", "must be a TCP port (1-65535).");
            }

            if (!SecurityModes.Contains(options.Security, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add("Email:Security", "must be StartTls, SslOnConnect or None.");
            }

            if (!System.Net.Mail.MailAddress.TryCreate(options.FromAddress, out _))
            {
                failures.Add("Email:FromAddress", "must be an email address.");
            }

            return failures.ToResult();
        }
    }
}
