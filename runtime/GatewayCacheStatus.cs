namespace IdeogramGen
{
    /// <summary>Whether the gateway answered from its cache (<c>cf-aig-cache-status</c>).</summary>
    public enum GatewayCacheStatus
    {
        /// <summary>The header was absent (caching not in play, or not a gateway answer).</summary>
        Unknown = 0,
        /// <summary><c>MISS</c>: the request went to Ideogram (and was billed).</summary>
        Miss,
        /// <summary><c>HIT</c>: the gateway replayed a stored answer; Ideogram was not called. Image URLs in it may have expired.</summary>
        Hit,
    }
}
