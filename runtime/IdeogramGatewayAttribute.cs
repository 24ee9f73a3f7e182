using System;

namespace IdeogramGen
{
    /// <summary>
    /// Marks a <c>partial</c> class as an Ideogram client that calls Ideogram through one Cloudflare AI Gateway.
    /// The IdeogramGen source generator adds to the class: the <c>AccountId</c> and <c>GatewayId</c> constants, the
    /// gateway base URI and endpoint URL builder (<c>Endpoints</c>), the constructors and one asynchronous method per
    /// endpoint of the selected families. The request and response types are generated once per project, in the
    /// namespace <c>IdeogramGen.Generated.&lt;AssemblyName&gt;</c> (or the one the MSBuild property
    /// <c>IdeogramGenModelsNamespace</c> names).
    /// </summary>
    /// <remarks>
    /// Requests go to <c>https://gateway.ai.cloudflare.com/v1/{account_id}/{gateway_id}/ideogram/&lt;Ideogram path&gt;</c>
    /// (Cloudflare AI Gateway docs, Providers &gt; Ideogram). Both arguments must be compile-time constants: the
    /// analyzers report IDG0002–IDG0005 otherwise.
    /// </remarks>
    /// <example>
    /// <code>
    /// [IdeogramGateway("3ebbcb006d4d46d7bb6a8c7f14676cb0", "my-gateway")]
    /// public partial class Images { }
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    [System.Diagnostics.Conditional("IDEOGRAMGEN_KEEP_ATTRIBUTES")]
    public sealed class IdeogramGatewayAttribute : Attribute
    {
        /// <summary>Creates the attribute.</summary>
        /// <param name="accountId">The Cloudflare account id: 32 hexadecimal characters (dashboard, Account home).</param>
        /// <param name="gatewayId">The gateway id (name): 1 to 64 characters of lowercase letters, digits, <c>-</c> and <c>_</c>.</param>
        public IdeogramGatewayAttribute(string accountId, string gatewayId)
        {
            AccountId = accountId;
            GatewayId = gatewayId;
        }

        /// <summary>The Cloudflare account id (32 hexadecimal characters).</summary>
        public string AccountId { get; }

        /// <summary>The AI Gateway id.</summary>
        public string GatewayId { get; }

        /// <summary>
        /// Which endpoint families to generate; default <see cref="EndpointFamilies.All"/>. A small app that only
        /// generates with Ideogram 3.0 can set <c>Families = EndpointFamilies.V3</c> and gets a smaller client.
        /// </summary>
        public EndpointFamilies Families { get; set; } = EndpointFamilies.All;
    }
}
