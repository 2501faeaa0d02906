using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Messaging;

/// <summary>
/// An email or SMS the instance would have sent while no provider is configured (simulator mode). Administrators
/// read them at <c>GET /api/v1/admin/outbox</c>; nothing here is ever delivered.
/// </summary>
internal sealed class OutboxMessage
{
    public Guid Id { get; set; } = Ids.NewV7();

    public DateTimeOffset CreatedAt { get; set; }

    public string Channel { get; set; } = string.Empty;

    public string Recipient { get; set; } = string.Empty;

    public string? Subject { get; set; }

    public string Body { get; set; } = string.Empty;

    /// <summary>The account it was addressed to, when known.</summary>
    public Guid? UserId { get; set; }
}
