using System;
using System.Threading;
using System.Threading.Tasks;

namespace IdeogramGen.Webhooks;

/// <summary>
/// Remembers which generations' deliveries were accepted, so that a repeated delivery of the same generation is
/// recognised (<see cref="WebhookRejectionReason.Duplicate"/>) and its handler does not run twice.
/// </summary>
/// <remarks>
/// The default, <see cref="InMemoryWebhookDeliveryStore"/>, is per process. An application that runs several instances
/// behind one webhook URL plugs in a store they share (a database table with a unique key, Redis <c>SET NX EX</c>); such
/// an implementation must make the check-and-record of <see cref="TryRecordAsync"/> atomic.
/// </remarks>
public interface IWebhookDeliveryStore
{
    /// <summary>Records <paramref name="generationId"/>; false when it is recorded already (the delivery is a duplicate).</summary>
    /// <param name="generationId">The generation id of a delivery whose signature verified.</param>
    /// <param name="receivedAt">When the delivery was verified (the verifier's clock), for expiring old records.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<bool> TryRecordAsync(string generationId, DateTimeOffset receivedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the record of <paramref name="generationId"/>, so that the next delivery of that generation is processed
    /// again. Called when the handler of an accepted delivery failed: Ideogram's redelivery must not be mistaken for a
    /// duplicate of a delivery that was never processed. Does nothing when the id is not recorded.
    /// </summary>
    ValueTask ForgetAsync(string generationId, CancellationToken cancellationToken);
}
