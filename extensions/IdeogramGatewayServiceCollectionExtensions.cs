using System;
using System.Diagnostics.CodeAnalysis;
using System.Net.Http;
using System.Threading;
using IdeogramGen;
using IdeogramGen.Extensions;
using IdeogramGen.Extensions.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>
    /// Registers generated Ideogram clients (classes marked <c>[IdeogramGateway]</c>) as <see cref="IHttpClientFactory"/>
    /// clients, like <c>AddHttpClient&lt;TClient&gt;</c> and Refit's <c>AddRefitClient&lt;T&gt;</c>.
    /// </summary>
    /// <remarks>
    /// Each registration adds: named <see cref="IdeogramClientOptions"/> read from configuration (reloaded on change)
    /// and validated when the host starts (<c>ValidateOnStart</c>); a named <c>HttpClient</c> with an infinite
    /// <c>HttpClient.Timeout</c> (the client's own <see cref="IdeogramClientOptions.Timeout"/> governs), a primary
    /// handler that does not follow redirects, and <see cref="IdeogramResendGuard"/> innermost; the client itself,
    /// transient, with the host's <c>ILogger</c> (category <c>IdeogramGen.GatewayPipeline</c>); a keyed registration
    /// under the client's name; and <see cref="IIdeogramClientFactory{TClient}"/>. A resilience handler that can re-send
    /// a billed call (<c>AddStandardResilienceHandler</c>, hedging, Polly policies) fails the start with a message
    /// naming the fix: use <see cref="IdeogramResilienceHttpClientBuilderExtensions.AddIdeogramResilienceHandler"/>.
    /// </remarks>
    public static class IdeogramGatewayServiceCollectionExtensions
    {
        /// <summary>The configuration section read by default: <c>Ideogram</c>.</summary>
        public const string DefaultSectionName = "Ideogram";

        internal const DynamicallyAccessedMemberTypes ClientMembers = DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicProperties;

        /// <summary>
        /// Registers <typeparamref name="TClient"/> under its type name, with settings from the host's
        /// <see cref="IConfiguration"/> section <c>Ideogram</c> (when an <see cref="IConfiguration"/> is registered,
        /// as in the generic host and <c>WebApplication</c>), then <paramref name="configure"/>.
        /// </summary>
        /// <typeparam name="TClient">A class marked <c>[IdeogramGateway]</c>.</typeparam>
        /// <param name="services">The services.</param>
        /// <param name="configure">Settings in code, applied after configuration (for example <c>o =&gt; o.GatewayRoot = emulator.Root</c>).</param>
        /// <returns>The client's <see cref="IHttpClientBuilder"/>, to add handlers (<c>.AddIdeogramResilienceHandler()</c>).</returns>
        /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
        public static IHttpClientBuilder AddIdeogramGateway<[DynamicallyAccessedMembers(ClientMembers)] TClient>(this IServiceCollection services, Action<IdeogramClientOptions>? configure = null)
            where TClient : class
            => Add<TClient>(services, ClientActivator<TClient>.DefaultName, null, configure);

        /// <summary>
        /// Registers <typeparamref name="TClient"/> under <paramref name="name"/>: settings from the host's section
        /// <c>Ideogram</c>, overridden by <c>Ideogram:Clients:&lt;name&gt;</c>, then <paramref name="configure"/>.
        /// Resolve it with <c>[FromKeyedServices(name)]</c> or <see cref="IIdeogramClientFactory{TClient}.CreateClient"/>;
        /// the client registered under the type name (<see cref="AddIdeogramGateway{TClient}(IServiceCollection, Action{IdeogramClientOptions})"/>)
        /// is the one resolved without a key.
        /// </summary>
        /// <typeparam name="TClient">A class marked <c>[IdeogramGateway]</c>.</typeparam>
        /// <param name="services">The services.</param>
        /// <param name="name">The client's name (also its <c>HttpClient</c>'s and options' name).</param>
        /// <param name="configure">Settings in code, applied after configuration.</param>
        /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
        public static IHttpClientBuilder AddIdeogramGateway<[DynamicallyAccessedMembers(ClientMembers)] TClient>(this IServiceCollection services, string name, Action<IdeogramClientOptions>? configure = null)
            where TClient : class
            => Add<TClient>(services, CheckName(name), null, configure);

        /// <summary>Registers <typeparamref name="TClient"/> under its type name with settings from <paramref name="configuration"/> only (a section such as <c>builder.Configuration.GetSection("Images")</c>), then <paramref name="configure"/>.</summary>
        /// <typeparam name="TClient">A class marked <c>[IdeogramGateway]</c>.</typeparam>
        /// <param name="services">The services.</param>
        /// <param name="configuration">The section holding the keys of <see cref="IdeogramClientOptions"/>; reloads are followed.</param>
        /// <param name="configure">Settings in code, applied after configuration.</param>
        /// <exception cref="ArgumentNullException"><paramref name="configuration"/> is null.</exception>
        public static IHttpClientBuilder AddIdeogramGateway<[DynamicallyAccessedMembers(ClientMembers)] TClient>(this IServiceCollection services, IConfiguration configuration, Action<IdeogramClientOptions>? configure = null)
            where TClient : class
            => Add<TClient>(services, ClientActivator<TClient>.DefaultName, configuration ?? throw new ArgumentNullException(nameof(configuration)), configure);

        /// <summary>Registers <typeparamref name="TClient"/> under <paramref name="name"/> with settings from <paramref name="configuration"/> only, then <paramref name="configure"/>.</summary>
        /// <typeparam name="TClient">A class marked <c>[IdeogramGateway]</c>.</typeparam>
        /// <param name="services">The services.</param>
        /// <param name="name">The client's name.</param>
        /// <param name="configuration">The section holding the keys of <see cref="IdeogramClientOptions"/>; reloads are followed.</param>
        /// <param name="configure">Settings in code, applied after configuration.</param>
        public static IHttpClientBuilder AddIdeogramGateway<[DynamicallyAccessedMembers(ClientMembers)] TClient>(this IServiceCollection services, string name, IConfiguration configuration, Action<IdeogramClientOptions>? configure = null)
            where TClient : class
            => Add<TClient>(services, CheckName(name), configuration ?? throw new ArgumentNullException(nameof(configuration)), configure);

        private static string CheckName(string name) =>
            string.IsNullOrEmpty(name) ? throw new ArgumentException("The client name must not be null or empty.", nameof(name)) : name;

        private static IHttpClientBuilder Add<[DynamicallyAccessedMembers(ClientMembers)] TClient>(IServiceCollection services, string name, IConfiguration? configuration, Action<IdeogramClientOptions>? configure)
            where TClient : class
        {
            if (services is null) throw new ArgumentNullException(nameof(services));
            ClientActivator<TClient>.CheckShape();

            var options = services.AddOptions<IdeogramClientOptions>(name);
            if (configuration != null)
            {
                services.AddSingleton<IConfigureOptions<IdeogramClientOptions>>(new ConfigureNamedOptions<IdeogramClientOptions>(name, o => ConfigurationReader.Read(configuration, o)));
                services.AddSingleton<IOptionsChangeTokenSource<IdeogramClientOptions>>(new ConfigurationChangeTokenSource<IdeogramClientOptions>(name, configuration));
            }
            else
            {
                // The host's configuration, looked up when the options are first read (so it may be registered later).
                bool named = name != ClientActivator<TClient>.DefaultName;
                services.AddSingleton<IConfigureOptions<IdeogramClientOptions>>(sp => new ConfigureNamedOptions<IdeogramClientOptions>(name, o =>
                {
                    if (sp.GetService<IConfiguration>() is not IConfiguration root) return;
                    var section = root.GetSection(DefaultSectionName);
                    ConfigurationReader.Read(section, o);
                    if (named) ConfigurationReader.Read(section.GetSection(ConfigurationReader.ClientsSection).GetSection(name), o);
                }));
                services.AddSingleton<IOptionsChangeTokenSource<IdeogramClientOptions>>(sp =>
                    new HostConfigurationChangeTokenSource(name, sp.GetService<IConfiguration>()));
            }
            if (configure != null) options.Configure(configure);
            // At start: the settings, then the handler chain (a resilience handler that can re-send a billed call).
            services.AddOptions<StartupCheck>(name).ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StartupCheck>, StartupCheck.Validator>());

            var builder = services.AddHttpClient(name);
            builder.ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan);
            builder.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
            services.AddSingleton<IPostConfigureOptions<HttpClientFactoryOptions>>(new HandlerChainCheck.Installer(name));

            services.AddSingleton(new ClientRegistration(typeof(TClient), name));
            services.TryAddSingleton<ClientActivator<TClient>>();
            services.TryAddSingleton<IIdeogramClientFactory<TClient>, IdeogramClientFactory<TClient>>();
            services.AddKeyedTransient<TClient>(name, (sp, _) => sp.GetRequiredService<IIdeogramClientFactory<TClient>>().CreateClient(name));
            if (name == ClientActivator<TClient>.DefaultName)
                builder.AddTypedClient<TClient>((http, sp) => sp.GetRequiredService<ClientActivator<TClient>>().Create(name, http));
            return builder;
        }
    }
}
