using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Jobs;
using PersonalAssistant.Server.Messaging.Sms;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Messaging;

/// <summary>An email to one person.</summary>
internal sealed record EmailMessage(string To, string Subject, string Body, Guid? UserId);

/// <summary>An SMS to one number (E.164).</summary>
/// <param name="To">The number (E.164).</param>
/// <param name="Body">The text; a long one is split into parts.</param>
/// <param name="UserId">The person it is for, when known.</param>
/// <param name="Key">
/// What this text answers (e.g. <c>notification-{id}</c>, <c>reply-{id}</c>), when sending it again must not repeat it:
/// the parts the provider already accepted for the same key and text are skipped on a retry. Null sends every part.
/// </param>
internal sealed record SmsMessage(string To, string Body, Guid? UserId, string? Key = null);

internal interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

internal interface ISmsSender
{
    Task SendAsync(SmsMessage message, CancellationToken cancellationToken);
}

internal static class OutboxChannels
{
    public const string Email = "email";
    public const string Sms = "sms";
}

/// <summary>Simulator mode: the message is kept in the outbox for an administrator to read, and not delivered.</summary>
internal sealed class OutboxSender(AppDbContext db, TimeProvider time) : IEmailSender, ISmsSender
{
    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken) =>
        SaveAsync(OutboxChannels.Email, message.To, message.Subject, message.Body, message.UserId, cancellationToken);

    public Task SendAsync(SmsMessage message, CancellationToken cancellationToken) =>
        SaveAsync(OutboxChannels.Sms, message.To, null, message.Body, message.UserId, cancellationToken);

    private async Task SaveAsync(string channel, string to, string? subject, string body, Guid? userId, CancellationToken cancellationToken)
    {
        db.Outbox.Add(new OutboxMessage
        {
            CreatedAt = time.GetUtcNow(),
            Channel = channel,
            Recipient = to,
            Subject = subject,
            Body = body,
            UserId = userId,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Delivers email through the configured SMTP server with MailKit.</summary>
internal sealed class SmtpEmailSender(IOptions<EmailOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.Body = new TextPart("plain") { Text = message.Body };

        using var client = new SmtpClient();
        var security = settings.Security.ToUpperInvariant() switch
        {
            "SSLONCONNECT" => SecureSocketOptions.SslOnConnect,
            "NONE" => SecureSocketOptions.None,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.Username))
        {
            await client.AuthenticateAsync(settings.Username, settings.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        logger.LogInformation("Sent an email through SMTP");
    }
}

internal static class MessagingRegistration
{
    public static IServiceCollection AddMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<EmailOptions, EmailOptions.Validator>(EmailOptions.Section);
        services.AddScoped<OutboxSender>();
        services.AddRetainedRows<OutboxMessage>(RetainedKinds.Outbox, m => m.CreatedAt);
        services.AddRetainedRows<QueuedEmail>(RetainedKinds.Outbox, m => m.CreatedAt);
        services.AddScoped<PersonalData.IAccountErasure, MessagingErasure>();
        var email = configuration.GetSection(EmailOptions.Section).Get<EmailOptions>() ?? new EmailOptions();
        if (email.IsConfigured)
        {
            // Queued as a durable job (Messaging/EmailJobs.cs): the request never waits on SMTP, and a restart loses nothing.
            services.AddSingleton<SmtpEmailSender>();
            services.AddScoped<EmailJob>();
            services.AddScoped<IEmailSender, JobEmailSender>();
        }
        else
        {
            services.AddScoped<IEmailSender>(provider => provider.GetRequiredService<OutboxSender>());
        }

        // Twilio when configured, otherwise the outbox (Messaging/Sms/TwilioSmsSender.cs).
        services.AddSmsSender(configuration);
        return services;
    }
}
