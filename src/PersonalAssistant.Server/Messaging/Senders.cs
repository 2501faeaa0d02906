using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Jobs;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Messaging;

/// <summary>An email to one person.</summary>
internal sealed record EmailMessage(string To, string Subject, string Body, Guid? UserId);

/// <summary>An SMS to one number (E.164).</summary>
internal sealed record SmsMessage(string To, string Body, Guid? UserId);

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

/// <summary>
/// SMTP takes hundreds of milliseconds: sending inline would let the answer's timing tell whether an address has an
/// account (forgot-password, resend-verification, register). Requests queue the message and return; this service
/// delivers it. A message still queued when the process stops is lost, as an SMTP failure would lose it.
/// </summary>
internal sealed class QueuedEmailSender(ILogger<QueuedEmailSender> logger) : BackgroundService, IEmailSender
{
    private readonly System.Threading.Channels.Channel<EmailMessage> _queue =
        System.Threading.Channels.Channel.CreateBounded<EmailMessage>(new System.Threading.Channels.BoundedChannelOptions(1000)
        {
            FullMode = System.Threading.Channels.BoundedChannelFullMode.DropWrite,
        });

    public required SmtpEmailSender Smtp { get; init; }

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        if (!_queue.Writer.TryWrite(message))
        {
            logger.LogWarning("The email queue is full; one email was dropped");
        }

        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await Smtp.SendAsync(message, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Sending an email through SMTP failed");
            }
        }
    }
}

internal static class MessagingRegistration
{
    public static IServiceCollection AddMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<EmailOptions, EmailOptions.Validator>(EmailOptions.Section);
        services.AddScoped<OutboxSender>();
        services.AddRetainedRows<OutboxMessage>(RetainedKinds.Outbox, m => m.CreatedAt);
        var email = configuration.GetSection(EmailOptions.Section).Get<EmailOptions>() ?? new EmailOptions();
        if (email.IsConfigured)
        {
            services.AddSingleton<SmtpEmailSender>();
            services.AddSingleton(provider => new QueuedEmailSender(provider.GetRequiredService<ILogger<QueuedEmailSender>>())
            {
                Smtp = provider.GetRequiredService<SmtpEmailSender>(),
            });
            services.AddSingleton<IEmailSender>(provider => provider.GetRequiredService<QueuedEmailSender>());
            services.AddHostedService(provider => provider.GetRequiredService<QueuedEmailSender>());
        }
        else
        {
            services.AddScoped<IEmailSender>(provider => provider.GetRequiredService<OutboxSender>());
        }

        // SMS providers arrive with the SMS channel; until then every SMS is simulated into the outbox.
        services.AddScoped<ISmsSender>(provider => provider.GetRequiredService<OutboxSender>());
        return services;
    }
}
