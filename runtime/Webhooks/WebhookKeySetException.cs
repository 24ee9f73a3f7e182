using System;

namespace IdeogramGen.Webhooks;

/// <summary>A JWKS document could not be read as Ideogram's webhook key set; the message says what was wrong.</summary>
public sealed class WebhookKeySetException : FormatException
{
    /// <summary>Creates the exception with a message saying what was wrong.</summary>
    public WebhookKeySetException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public WebhookKeySetException(string message, Exception inner) : base(message, inner) { }
}
