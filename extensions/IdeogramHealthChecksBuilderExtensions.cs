using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using IdeogramGen.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>Adds <see cref="IdeogramGatewayHealthCheck{TClient}"/> to <c>services.AddHealthChecks()</c>.</summary>
    public static class IdeogramHealthChecksBuilderExtensions
    {
        /// <summary>
        /// Adds a health check for the Ideogram client <typeparamref name="TClient"/> that bills nothing: configuration
        /// only unless <see cref="IdeogramHealthCheckOptions{TClient}.Probe"/> is set.
        /// </summary>
        /// <typeparam name="TClient">A class registered with <c>AddIdeogramGateway&lt;TClient&gt;</c>.</typeparam>
        /// <param name="builder">The health checks builder.</param>
        /// <param name="name">The check's name; default <c>ideogram</c> (or <c>ideogram-&lt;client name&gt;</c> for a named client).</param>
        /// <param name="configure">The client name and the optional probe.</param>
        /// <param name="failureStatus">The status reported on failure; default <see cref="HealthStatus.Unhealthy"/>.</param>
        /// <param name="tags">Tags to filter checks by (for example <c>ready</c>).</param>
        /// <returns>The builder.</returns>
        public static IHealthChecksBuilder AddIdeogramGateway<[DynamicallyAccessedMembers(IdeogramGatewayServiceCollectionExtensions.ClientMembers)] TClient>(
            this IHealthChecksBuilder builder, string? name = null, Action<IdeogramHealthCheckOptions<TClient>>? configure = null,
            HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
            where TClient : class
        {
            if (builder is null) throw new ArgumentNullException(nameof(builder));
            var options = new IdeogramHealthCheckOptions<TClient>();
            configure?.Invoke(options);
            var clientName = options.ClientName ?? typeof(TClient).Name;
            var checkName = name ?? (options.ClientName is null ? "ideogram" : "ideogram-" + options.ClientName);
            return builder.Add(new HealthCheckRegistration(
                checkName,
                sp => new IdeogramGatewayHealthCheck<TClient>(sp, clientName, options.Probe),
                failureStatus,
                tags));
        }
    }
}
