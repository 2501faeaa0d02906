namespace PersonalAssistant.Server.PersonalData;

/// <summary>
/// Rows about a person that the database's cascade from their account does not reach: addressed by email or phone number
/// rather than by account (the outbox, texts from a number before it was verified, a STOP), or naming them without
/// belonging to them (the audit log). Each part of the host that keeps such rows implements this next to them; deleting
/// an account runs every one before the account row goes (ADR 0019).
/// </summary>
internal interface IAccountErasure
{
    Task EraseAsync(ErasedAccount account, CancellationToken cancellationToken);
}

/// <summary>Who is being erased: the account id, its email address and every phone number it held.</summary>
internal sealed record ErasedAccount(Guid UserId, string? Email, IReadOnlyList<string> PhoneNumbers);
