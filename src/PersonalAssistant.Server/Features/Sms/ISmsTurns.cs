namespace PersonalAssistant.Server.Features.Sms;

/// <summary>
/// What the SMS channel needs of the assistant: a text answered in the person's SMS conversation. Implemented by the
/// Assistant feature (the integrator, which may depend on every slice while none depends on it: ADR 0010), registered
/// there, so this slice never references it.
/// </summary>
internal interface ISmsTurns
{
    /// <summary>Stores <paramref name="text"/> as the person's message in their SMS conversation, runs the turn, and answers the reply (null when none).</summary>
    Task<string?> AnswerAsync(Guid userId, string text, CancellationToken cancellationToken);
}
