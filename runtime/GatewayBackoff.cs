namespace IdeogramGen
{
    /// <summary>How the gateway spaces its own retries (<c>cf-aig-backoff</c>).</summary>
    public enum GatewayBackoff
    {
        /// <summary><c>constant</c></summary>
        Constant,
        /// <summary><c>linear</c></summary>
        Linear,
        /// <summary><c>exponential</c></summary>
        Exponential,
    }
}
