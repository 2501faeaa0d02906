namespace PersonalAssistant.Server.Features.Sms;

/// <summary>
/// What the SMS channel needs of the assistant: a text answered in the person's SMS conversation. Implemented by the
/// Assistant feature (the integrator, which may depend on every slice while none depends on it: ADR 0010), registered
/// there, so this slice never references it. Storing the text and answering it are two steps, so a job run again after
/// a failure answers the message it stored the first time instead of storing it twice.
/// </summary>
internal interface ISmsTurns
{
    /// <summary>Stores <paramref name="text"/> as written as the person's message in their SMS conversation; answers its id.</summary>
    Task<long> AddAsync(Guid userId, string text, CancellationToken cancellationToken);

    /// <summary>
    /// Runs the turn of the stored message <paramref name="messageId"/> and answers the reply (null when none). A message
    /// already answered is not run again: its reply is answered as it was.
    /// </summary>
    Task<string?> AnswerAsync(Guid userId, long messageId, CancellationToken cancellationToken);
}
