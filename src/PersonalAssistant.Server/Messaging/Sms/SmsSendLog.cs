namespace PersonalAssistant.Server.Messaging.Sms;

/// <summary>One part of an outbound SMS as the provider accepted it.</summary>
/// <param name="UserId">The person it was sent to, when known.</param>
/// <param name="Part">1-based position of this part in the reply.</param>
/// <param name="Parts">How many parts the reply was split into.</param>
/// <param name="Sid">The provider's message id (Twilio's SM…).</param>
/// <param name="Segments">Segments the provider counts (billing), or the local count when the provider gave none.</param>
/// <param name="Encoding">The part's encoding, computed locally (GSM-7 or UCS-2).</param>
/// <param name="Status">The provider's first status (Twilio: queued, accepted, …).</param>
internal sealed record SmsPartResult(Guid? UserId, int Part, int Parts, string Sid, int Segments, SmsEncoding Encoding, string Status);

/// <summary>
/// Where the sender records every part it sent (the message log the status webhook updates). The default records
/// nothing; the SMS feature replaces it with its table.
/// </summary>
internal interface ISmsSendLog
{
    Task RecordAsync(SmsMessage message, SmsPartResult part, CancellationToken cancellationToken);
}

internal sealed class NoSmsSendLog : ISmsSendLog
{
    public Task RecordAsync(SmsMessage message, SmsPartResult part, CancellationToken cancellationToken) => Task.CompletedTask;
}
