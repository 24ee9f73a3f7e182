using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace IdeogramGen.Extensions.Internal
{
    /// <summary>Reloads a client's options when the host's configuration reloads; never when there is none.</summary>
    internal sealed class HostConfigurationChangeTokenSource : IOptionsChangeTokenSource<IdeogramClientOptions>
    {
        private readonly IConfiguration? _configuration;

        public HostConfigurationChangeTokenSource(string name, IConfiguration? configuration)
        {
            Name = name;
            _configuration = configuration;
        }

        public string Name { get; }

        public IChangeToken GetChangeToken() => _configuration?.GetReloadToken() ?? new CancellationChangeToken(System.Threading.CancellationToken.None);
    }
}
