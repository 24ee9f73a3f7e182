using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IdeogramGen.Extensions.Internal
{
    /// <summary>One <c>AddIdeogramGateway&lt;TClient&gt;(name)</c> registration, so the factory can name the registered ones.</summary>
    internal sealed class ClientRegistration
    {
        public ClientRegistration(Type clientType, string name)
        {
            ClientType = clientType;
            Name = name;
        }

        public Type ClientType { get; }
        public string Name { get; }
    }

    /// <summary>
    /// Builds a generated client: a <see cref="GatewayPipeline"/> over the factory's <see cref="HttpClient"/> with the
    /// name's current settings, then the client through its generated <c>(GatewayPipeline)</c> constructor.
    /// </summary>
    internal sealed class ClientActivator<[DynamicallyAccessedMembers(IdeogramGatewayServiceCollectionExtensions.ClientMembers)] TClient>
        where TClient : class
    {
        /// <summary>The default name, as <c>AddHttpClient&lt;TClient&gt;</c> names typed clients: the type's name.</summary>
        public static readonly string DefaultName = typeof(TClient).Name;

        private static ObjectFactory<TClient>? _factory;

        private readonly IServiceProvider _services;
        private readonly IOptionsMonitor<IdeogramClientOptions> _options;
        private readonly ILogger _logger;
        private readonly GatewayAddress _address;
        private readonly ConditionalWeakTable<IdeogramClientOptions, Snapshot> _snapshots = new ConditionalWeakTable<IdeogramClientOptions, Snapshot>();
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SharedImageLimiter> _limiters = new System.Collections.Concurrent.ConcurrentDictionary<string, SharedImageLimiter>(StringComparer.Ordinal);
        private readonly TimeProvider? _time;

        public ClientActivator(IServiceProvider services, IOptionsMonitor<IdeogramClientOptions> options, ILoggerFactory? loggerFactory = null, TimeProvider? time = null)
        {
            _services = services;
            _time = time;
            _options = options;
            _logger = loggerFactory?.CreateLogger(LogCategories.Pipeline) ?? NullLogger.Instance;
            _address = ReadAddress();
        }

        /// <summary>The account and gateway of <typeparamref name="TClient"/> (its generated <c>GatewayAddress</c>).</summary>
        public GatewayAddress Address => _address;

        /// <summary>Throws when <typeparamref name="TClient"/> is not a generated client (at registration, before anything runs).</summary>
        public static void CheckShape()
        {
            var property = typeof(TClient).GetProperty("GatewayAddress", BindingFlags.Public | BindingFlags.Static);
            var ctor = typeof(TClient).GetConstructor(new[] { typeof(GatewayPipeline) });
            if (property?.PropertyType != typeof(GatewayAddress) || ctor is null)
                throw new ArgumentException($"{typeof(TClient).FullName} is not a generated Ideogram client: mark a partial class with [IdeogramGateway(\"<account id>\", \"<gateway id>\")] and reference the IdeogramGen package, whose generator adds its GatewayAddress and constructors.", nameof(TClient));
        }

        /// <summary>Creates the client registered under <paramref name="name"/> over <paramref name="http"/>.</summary>
        public TClient Create(string name, HttpClient http)
        {
            var snapshot = _snapshots.GetValue(_options.Get(name), s =>
            {
                IdeogramClientOptionsValidator.ThrowIfInvalid(name, s);
                return new Snapshot(s.ToCredentials(), GatewayOptionsFor(name, s));
            });
            var pipeline = new GatewayPipeline(http, snapshot.Credentials, _address, snapshot.Gateway, _logger);
            var factory = _factory ??= ActivatorUtilities.CreateFactory<TClient>(new[] { typeof(GatewayPipeline) });
            return factory(_services, new object[] { pipeline });
        }

        /// <summary>
        /// The settings as <see cref="GatewayOptions"/>, with the host's <see cref="TimeProvider"/> when one is registered,
        /// and the in-flight limit on one limiter per client name (kept across reloads while the limit is unchanged), so
        /// that it holds across the transient client instances.
        /// </summary>
        private GatewayOptions GatewayOptionsFor(string name, IdeogramClientOptions settings)
        {
            var options = settings.ToGatewayOptions(gateway =>
            {
                if (_time != null) gateway.TimeProvider = _time;
            });
            if (options.ImageLimiter is null && options.MaxImagesInFlight is int max)
            {
                options.ImageLimiter = _limiters.AddOrUpdate(name, _ => new SharedImageLimiter(max), (_, current) => current.Limit == max ? current : new SharedImageLimiter(max));
            }
            return options;
        }

        /// <summary>The shared in-flight limiter of <paramref name="name"/>, once a client with a limit was created.</summary>
        internal System.Threading.RateLimiting.RateLimiter? ImageLimiter(string name) => _limiters.TryGetValue(name, out var limiter) ? limiter : null;

        private static GatewayAddress ReadAddress()
        {
            CheckShape();
            return (GatewayAddress)typeof(TClient).GetProperty("GatewayAddress", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        }

        /// <summary>What one version of the settings turns into; rebuilt only when the settings reload.</summary>
        private sealed class Snapshot
        {
            public Snapshot(IdeogramCredentials credentials, GatewayOptions gateway)
            {
                Credentials = credentials;
                Gateway = gateway;
            }

            public IdeogramCredentials Credentials { get; }
            public GatewayOptions Gateway { get; }
        }
    }

    /// <summary>The <see cref="IIdeogramClientFactory{TClient}"/> behind the registrations.</summary>
    internal sealed class IdeogramClientFactory<[DynamicallyAccessedMembers(IdeogramGatewayServiceCollectionExtensions.ClientMembers)] TClient> : IIdeogramClientFactory<TClient>
        where TClient : class
    {
        private readonly IHttpClientFactory _http;
        private readonly ClientActivator<TClient> _activator;
        private readonly HashSet<string> _names;

        public IdeogramClientFactory(IHttpClientFactory http, ClientActivator<TClient> activator, IEnumerable<ClientRegistration> registrations)
        {
            _http = http;
            _activator = activator;
            _names = new HashSet<string>(registrations.Where(r => r.ClientType == typeof(TClient)).Select(r => r.Name), StringComparer.Ordinal);
        }

        public TClient CreateClient(string name)
        {
            if (name is null) throw new ArgumentNullException(nameof(name));
            if (!_names.Contains(name))
                throw new InvalidOperationException($"No {typeof(TClient).Name} client is registered under the name '{name}'; registered: {(_names.Count == 0 ? "none" : string.Join(", ", _names.OrderBy(n => n, StringComparer.Ordinal)))}. Register it with services.AddIdeogramGateway<{typeof(TClient).Name}>(\"{name}\", …).");
            return _activator.Create(name, _http.CreateClient(name));
        }
    }

    /// <summary>The logging categories of the registered clients.</summary>
    internal static class LogCategories
    {
        /// <summary>The pipeline's per-attempt lines (<c>IdeogramGen.GatewayPipeline</c>, the type's full name as with <c>ILogger&lt;T&gt;</c>).</summary>
        public const string Pipeline = "IdeogramGen.GatewayPipeline";
    }
}
