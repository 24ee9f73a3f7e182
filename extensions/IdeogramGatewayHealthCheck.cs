using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;
using IdeogramGen.Extensions.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace IdeogramGen.Extensions
{
    /// <summary>
    /// A health check that proves an Ideogram client's configuration without generating or billing anything: the
    /// settings validate, a key is present and has the shape of a key (never shown), the gateway address is well formed,
    /// and the client can be built. An optional probe (<see cref="IdeogramHealthCheckOptions{TClient}.Probe"/>) adds a
    /// call of your choice; Ideogram's free v2 price quote (<c>dry_run</c>) is the natural one once the v2 family is in
    /// the client.
    /// </summary>
    /// <typeparam name="TClient">A class marked <c>[IdeogramGateway]</c>.</typeparam>
    public sealed class IdeogramGatewayHealthCheck<[DynamicallyAccessedMembers(IdeogramGatewayServiceCollectionExtensions.ClientMembers)] TClient> : IHealthCheck
        where TClient : class
    {
        private readonly IServiceProvider _services;
        private readonly string _clientName;
        private readonly Func<TClient, CancellationToken, Task<HealthCheckResult>>? _probe;

        /// <summary>Creates the check for the client registered under <paramref name="clientName"/>.</summary>
        /// <param name="services">The application's services.</param>
        /// <param name="clientName">The registration's name (the type name by default).</param>
        /// <param name="probe">An optional call that proves the key works; must not bill.</param>
        public IdeogramGatewayHealthCheck(IServiceProvider services, string clientName, Func<TClient, CancellationToken, Task<HealthCheckResult>>? probe = null)
        {
            _services = services ?? throw new ArgumentNullException(nameof(services));
            _clientName = clientName ?? throw new ArgumentNullException(nameof(clientName));
            _probe = probe;
        }

        /// <inheritdoc />
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var activator = _services.GetRequiredService<ClientActivator<TClient>>();
            var data = new Dictionary<string, object>
            {
                ["client"] = _clientName,
                ["account_id"] = activator.Address.AccountId,
                ["gateway_id"] = activator.Address.GatewayId,
                ["mode"] = _probe is null ? "configuration" : "configuration+probe",
            };
            IdeogramClientOptions options;
            try
            {
                options = _services.GetRequiredService<IOptionsMonitor<IdeogramClientOptions>>().Get(_clientName);
                IdeogramClientOptionsValidator.ThrowIfInvalid(_clientName, options);
            }
            catch (OptionsValidationException ex)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, $"The settings of Ideogram client '{_clientName}' are invalid: {string.Join(" ", ex.Failures)}", null, data);
            }
            data["gateway_root"] = (options.GatewayRoot ?? GatewayAddress.CloudflareRoot).ToString();
            data["api_key"] = string.IsNullOrWhiteSpace(options.ApiKey) ? "none (gateway-stored key)" : "set";
            data["gateway_token"] = string.IsNullOrWhiteSpace(options.GatewayToken) ? "none" : "set";

            TClient client;
            try
            {
                client = _services.GetRequiredService<IIdeogramClientFactory<TClient>>().CreateClient(_clientName);
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is ArgumentException)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, $"Ideogram client '{_clientName}' cannot be created: {ex.Message}", null, data);
            }
            if (_probe is null)
                return HealthCheckResult.Healthy($"Ideogram client '{_clientName}' is configured (configuration checked; no call made).", data);
            var result = await _probe(client, cancellationToken).ConfigureAwait(false);
            foreach (var kv in result.Data) data[kv.Key] = kv.Value;
            return new HealthCheckResult(result.Status, result.Description, result.Exception, data);
        }
    }

    /// <summary>Settings of <see cref="IdeogramGatewayHealthCheck{TClient}"/>.</summary>
    /// <typeparam name="TClient">A class marked <c>[IdeogramGateway]</c>.</typeparam>
    public sealed class IdeogramHealthCheckOptions<TClient> where TClient : class
    {
        /// <summary>The client registration to check; null means the type name (<c>AddIdeogramGateway&lt;TClient&gt;()</c>).</summary>
        public string? ClientName { get; set; }

        /// <summary>
        /// A call that proves the key and the gateway, run after the configuration checks; it must not bill (no
        /// generation). Null (the default): configuration only. Return <see cref="HealthCheckResult.Unhealthy"/> with
        /// a message that shows no secret; <c>IdeogramGenException</c>s' messages never carry one.
        /// </summary>
        public Func<TClient, CancellationToken, Task<HealthCheckResult>>? Probe { get; set; }
    }
}
