using Hangfire;
using MailKit.Net.Smtp;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Jobs;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Messaging;

/// <summary>
/// An email waiting to go out through SMTP, or gone. The job that sends it carries only this row's id, so no address
/// or body sits in the job storage; the body (reset and confirmation links are secrets) is kept encrypted with the
/// data-protection key ring and erased once sent.
/// </summary>
internal sealed class QueuedEmail
{
    public Guid Id { get; set; } = Ids.NewV7();

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The account it is addressed to, when known.</summary>
    public Guid? UserId { get; set; }

    public string Recipient { get; set; } = string.Empty;

    public string Subject { get; set; } = string.Empty;

    /// <summary>The body, protected (<see cref="EmailJob.Purpose"/>); empty once sent or given up.</summary>
    public string BodyProtected { get; set; } = string.Empty;

    /// <summary>Tries so far (the job's retries included).</summary>
    public int Attempts { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>When the SMTP server refused it for good (a 5xx reply): never retried.</summary>
    public DateTimeOffset? RejectedAt { get; set; }

    /// <summary>The last SMTP status code refusing it, if any.</summary>
    public int? LastStatus { get; set; }
}

internal sealed class QueuedEmailConfiguration : IEntityTypeConfiguration<QueuedEmail>
{
    public void Configure(EntityTypeBuilder<QueuedEmail> builder)
    {
        builder.ToTable("EmailQueue");
        builder.Property(e => e.Recipient).HasMaxLength(320);
        builder.Property(e => e.Subject).HasMaxLength(300);
        builder.HasIndex(e => e.CreatedAt);
    }
}

/// <summary>
/// SMTP takes hundreds of milliseconds: sending inline would let the answer's timing tell whether an address has an
/// account (forgot-password, resend-verification, register). A request stores the email and enqueues its job (two
/// inserts, no SMTP), then returns; <see cref="EmailJob"/> delivers it, with the job system's retries, also after a
/// restart.
/// </summary>
internal sealed class JobEmailSender(AppDbContext db, IBackgroundJobClient jobs, IDataProtectionProvider protection, TimeProvider time) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var email = new QueuedEmail
        {
            CreatedAt = time.GetUtcNow(),
            UserId = message.UserId,
            Recipient = message.To,
            Subject = message.Subject,
            BodyProtected = protection.CreateProtector(EmailJob.Purpose).Protect(message.Body),
        };
        db.Set<QueuedEmail>().Add(email);
        await db.SaveChangesAsync(cancellationToken);
        jobs.Enqueue<EmailJob>(JobQueues.Default, job => job.SendAsync(email.Id, CancellationToken.None));
    }
}

/// <summary>
/// Sends one stored email through SMTP and marks it sent. A transient failure (4xx, a connection that fails) throws,
/// so the job is retried on the project's backoff (<see cref="JobsOptions"/>); a permanent refusal (5xx) is recorded
/// and not retried. Logs ids and status codes only, never the address or the body.
/// </summary>
internal sealed partial class EmailJob(AppDbContext db, SmtpEmailSender smtp, IDataProtectionProvider protection, TimeProvider time, ILogger<EmailJob> logger)
{
    public const string Purpose = "PersonalAssistant.Email.v1";

    public async Task SendAsync(Guid emailId, CancellationToken cancellationToken)
    {
        var email = await db.Set<QueuedEmail>().SingleOrDefaultAsync(e => e.Id == emailId, cancellationToken);
        if (email is null || email.SentAt is not null || email.RejectedAt is not null)
        {
            return; // deleted by retention, or a retry of a job whose sending was already recorded
        }

        email.Attempts++;
        var body = protection.CreateProtector(Purpose).Unprotect(email.BodyProtected);
        try
        {
            await smtp.SendAsync(new EmailMessage(email.Recipient, email.Subject, body, email.UserId), cancellationToken);
        }
        catch (SmtpCommandException refused) when ((int)refused.StatusCode >= 500)
        {
            email.RejectedAt = time.GetUtcNow();
            email.LastStatus = (int)refused.StatusCode;
            email.BodyProtected = string.Empty;
            await db.SaveChangesAsync(CancellationToken.None);
            LogRejected(logger, email.Id, email.LastStatus.Value, email.Attempts);
            return;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            email.LastStatus = exception is SmtpCommandException command ? (int)command.StatusCode : null;
            await db.SaveChangesAsync(CancellationToken.None);
            LogTransient(logger, email.Id, email.LastStatus, email.Attempts);
            throw;
        }

        email.SentAt = time.GetUtcNow();
        email.BodyProtected = string.Empty;
        await db.SaveChangesAsync(CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {EmailId} refused for good by the SMTP server ({Status}) after {Attempts} attempt(s); not retried")]
    private static partial void LogRejected(ILogger logger, Guid emailId, int status, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {EmailId} not sent (SMTP status {Status}) on attempt {Attempts}; the job will retry")]
    private static partial void LogTransient(ILogger logger, Guid emailId, int? status, int attempts);
}
