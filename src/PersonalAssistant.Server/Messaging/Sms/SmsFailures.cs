namespace PersonalAssistant.Server.Messaging.Sms;

/// <summary>
/// Where an SMS the provider would not deliver is reported: by the sender when Twilio refuses a part, and by the SMS
/// feature's status callback when Twilio reports a part undelivered or failed. The default does nothing; the SMS feature
/// replaces it (it opts out a number unsubscribed at the carrier and tells the person), so this infrastructure never
/// references a feature.
/// </summary>
internal interface ISmsFailures
{
    /// <param name="to">The number the part went to (E.164).</param>
    /// <param name="userId">The person it was for, when known.</param>
    /// <param name="code">The provider's error code (0 without one: a timeout, a connection error).</param>
    /// <param name="permanent">Sending again cannot help (<see cref="SmsPermanentException"/>, or an undelivered or failed part).</param>
    /// <param name="cancellationToken">Cancels the handling.</param>
    Task FailedAsync(string to, Guid? userId, int code, bool permanent, CancellationToken cancellationToken);
}

internal sealed class NoSmsFailures : ISmsFailures
{
    public Task FailedAsync(string to, Guid? userId, int code, bool permanent, CancellationToken cancellationToken) => Task.CompletedTask;
}
