using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace IdeogramGen.Extensions.Internal
{
    /// <summary>
    /// Checks the handler chain of an Ideogram client's <c>HttpClient</c>: a resilience handler that can re-send a
    /// request that may have been billed (the standard resilience or hedging handler, a custom Polly pipeline, a
    /// Polly v7 policy handler) is refused with a message naming the fix, and <see cref="IdeogramResendGuard"/> is put
    /// innermost. Runs when the handler is built, and at start (<see cref="StartupCheck"/>).
    /// </summary>
    internal sealed class HandlerChainCheck
    {
        private static readonly ConditionalWeakTable<DelegatingHandler, object> SafeHandlers = new ConditionalWeakTable<DelegatingHandler, object>();
        private static readonly object Marker = new object();

        /// <summary>Declares <paramref name="handler"/> billing-safe (added by <c>AddIdeogramResilienceHandler</c>).</summary>
        public static void MarkSafe(DelegatingHandler handler) => SafeHandlers.AddOrUpdate(handler, Marker);

        /// <summary>The problem with the chain, or null.</summary>
        public static string? Inspect(string name, IList<DelegatingHandler> handlers)
        {
            foreach (var handler in handlers)
            {
                var type = handler.GetType().FullName ?? "";
                bool resilience = type.StartsWith("Microsoft.Extensions.Http.Resilience.", StringComparison.Ordinal);
                bool pollyV7 = type == "Microsoft.Extensions.Http.PolicyHttpMessageHandler";
                if ((resilience || pollyV7) && !SafeHandlers.TryGetValue(handler, out _))
                {
                    return $"The HttpClient '{name}' of an Ideogram client has a {(pollyV7 ? "Polly policy handler (AddPolicyHandler, AddTransientHttpErrorPolicy)" : "resilience handler (AddStandardResilienceHandler, AddStandardHedgingHandler, AddResilienceHandler, or one added to every client by ConfigureHttpClientDefaults)")} " +
                        "whose retries or hedging re-send requests after a 5xx, an HTML error page, a timeout or a broken connection: each re-sent Ideogram generation can run and be billed again. " +
                        $"Use services.AddIdeogramGateway<...>(...).AddIdeogramResilienceHandler() instead (it replaces resilience handlers added before it, including defaults), or call RemoveAllResilienceHandlers() on this client. " +
                        "A pipeline of your own must not retry what IdeogramRequestMark.CanResend refuses.";
                }
            }
            return null;
        }

        /// <summary>Appends the last builder action of the named client: the check, then the guard.</summary>
        internal sealed class Installer : IPostConfigureOptions<HttpClientFactoryOptions>
        {
            private readonly string _name;

            public Installer(string name) => _name = name;

            public void PostConfigure(string? name, HttpClientFactoryOptions options)
            {
                if (name != _name) return;
                options.HttpMessageHandlerBuilderActions.Add(builder =>
                {
                    var handlers = builder.AdditionalHandlers;
                    var problem = Inspect(_name, handlers);
                    if (problem != null) throw new InvalidOperationException(problem);
                    foreach (var h in handlers)
                        if (h is IdeogramResendGuard) return;
                    handlers.Add(new IdeogramResendGuard());
                });
            }
        }

    }

    /// <summary>
    /// What <c>ValidateOnStart</c> runs for each registered client (an options type of its own, so that reloads of
    /// <see cref="IdeogramClientOptions"/> never throw): the settings, then the handler chain, built once.
    /// </summary>
    internal sealed class StartupCheck
    {
        internal sealed class Validator : IValidateOptions<StartupCheck>
        {
            private readonly IOptionsMonitor<IdeogramClientOptions> _settings;
            private readonly IHttpMessageHandlerFactory _factory;

            public Validator(IOptionsMonitor<IdeogramClientOptions> settings, IHttpMessageHandlerFactory factory)
            {
                _settings = settings;
                _factory = factory;
            }

            public ValidateOptionsResult Validate(string? name, StartupCheck options)
            {
                if (name is null) return ValidateOptionsResult.Skip;
                var errors = IdeogramClientOptionsValidator.Check(_settings.Get(name));
                if (errors.Count > 0) return ValidateOptionsResult.Fail(errors);
                try
                {
                    _factory.CreateHandler(name);
                    return ValidateOptionsResult.Success;
                }
                catch (InvalidOperationException ex)
                {
                    return ValidateOptionsResult.Fail(ex.Message);
                }
            }
        }
    }
}
