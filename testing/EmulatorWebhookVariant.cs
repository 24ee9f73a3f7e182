namespace IdeogramGen.Testing
{
    /// <summary>
    /// What <see cref="EmulatorWebhooks.DeliverAsync(System.Uri, string, EmulatorWebhookVariant, System.Threading.CancellationToken)"/>
    /// sends: a delivery signed as Ideogram signs it, or one broken in one specific way, for testing a receiver's checks.
    /// </summary>
    public enum EmulatorWebhookVariant
    {
        /// <summary>Signed with the current published key, timestamp now, <c>X-Ideogram-Webhook-Key-Id</c> naming that key.</summary>
        Valid = 0,

        /// <summary>Signed, then one character of the body changed (its last digit, or a space appended): the signature no longer matches.</summary>
        TamperedBody,

        /// <summary>Signed, then <c>X-Ideogram-Webhook-User-Id</c> replaced: the signed message no longer matches.</summary>
        TamperedHeader,

        /// <summary>Signed correctly at now minus <see cref="EmulatorWebhooks.StaleBy"/>: outside a receiver's replay window.</summary>
        StaleTimestamp,

        /// <summary>The same signed request (same timestamp and signature) sent twice; the second answer is <see cref="EmulatorWebhookDelivery.Redelivery"/>.</summary>
        Duplicate,

        /// <summary>Signed by a key the key set never publishes, while the key-id header names the current published key.</summary>
        WrongKey,

        /// <summary>Signed by a key the key set does not publish, with a key id the set does not hold (fetching the set again does not help).</summary>
        UnpublishedKey,

        /// <summary>
        /// The emulator rotates first (<see cref="EmulatorWebhooks.RotateKey"/>: a new key is published, the previous ones
        /// stay), then signs with the new key: a receiver holding the set from before must fetch it again to verify.
        /// </summary>
        RotatedKey,
    }
}
