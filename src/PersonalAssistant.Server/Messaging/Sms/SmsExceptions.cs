namespace PersonalAssistant.Server.Messaging.Sms;

/// <summary>The SMS provider failed in a way worth retrying (a carrier or queue problem, 429, 5xx, a timeout).</summary>
internal sealed class SmsTransientException : Exception
{
    public SmsTransientException()
    {
    }

    public SmsTransientException(string message)
        : base(message)
    {
    }

    public SmsTransientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SmsTransientException(int code, string message, Exception innerException)
        : base(message, innerException) => Code = code;

    /// <summary>The provider's error code (Twilio's), or 0 when there was none (a timeout, a connection error).</summary>
    public int Code { get; }
}

/// <summary>The SMS provider refused the message for good (an invalid or unsubscribed number, an unreachable handset…).</summary>
internal sealed class SmsPermanentException : Exception
{
    public SmsPermanentException()
    {
    }

    public SmsPermanentException(string message)
        : base(message)
    {
    }

    public SmsPermanentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SmsPermanentException(int code, string message, Exception innerException)
        : base(message, innerException) => Code = code;

    /// <summary>The provider's error code (Twilio's, e.g. 21211 invalid number, 21610 unsubscribed).</summary>
    public int Code { get; }
}

/// <summary>How an SMS provider's failure is written in a delivery attempt's error column.</summary>
internal static class SmsErrors
{
    /// <summary><c>twilio-21211</c> for a provider code, <c>sms-unreachable</c> without one (a timeout, a connection error).</summary>
    public static string Of(int code) =>
        code == 0 ? "sms-unreachable" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"twilio-{code}");
}
