namespace IdeogramGen.Extensions
{
    /// <summary>
    /// Creates the <typeparamref name="TClient"/> registered under a name with
    /// <c>AddIdeogramGateway&lt;TClient&gt;(name, …)</c> (as <c>IAzureClientFactory&lt;T&gt;</c> does for Azure clients).
    /// Each call returns a new client over a factory-made <c>HttpClient</c> and the name's current settings, so a
    /// rotated key is used by the next client created. Clients are cheap: create one per operation or per scope rather
    /// than keeping one in a singleton.
    /// </summary>
    /// <typeparam name="TClient">A class marked <c>[IdeogramGateway]</c>.</typeparam>
    public interface IIdeogramClientFactory<TClient> where TClient : class
    {
        /// <summary>Creates the client registered under <paramref name="name"/>.</summary>
        /// <param name="name">The registration's name; the type name (e.g. <c>Images</c>) for <c>AddIdeogramGateway&lt;Images&gt;()</c>.</param>
        /// <exception cref="System.InvalidOperationException">No client of this type is registered under <paramref name="name"/>.</exception>
        /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The name's settings are invalid (the message names each setting).</exception>
        TClient CreateClient(string name);
    }
}
