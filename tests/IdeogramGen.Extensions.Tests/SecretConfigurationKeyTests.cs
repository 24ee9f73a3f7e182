using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IdeogramGen.Extensions.Tests;

/// <summary>
/// The configuration keys the secret analyzer's code fixes write (<c>configuration["Ideogram:…"]</c>, IDG0301) are the
/// keys AddIdeogramGateway binds, so a fixed call site reads the secret that the options carry.
/// </summary>
public class SecretConfigurationKeyTests
{
    /// <summary>The <c>*ConfigurationKey</c> constants of analyzers/HardCodedSecretAnalyzer.cs, by name.</summary>
    private static Dictionary<string, string> CodeFixKeys()
    {
        var root = CSharpSyntaxTree.ParseText(File.ReadAllText(TestPaths.InRepo("analyzers", "HardCodedSecretAnalyzer.cs"))).GetRoot();
        return root.DescendantNodes().OfType<FieldDeclarationSyntax>()
            .Where(f => f.Modifiers.Any(SyntaxKind.ConstKeyword))
            .SelectMany(f => f.Declaration.Variables)
            .Where(v => v.Identifier.ValueText.EndsWith("ConfigurationKey", StringComparison.Ordinal) && v.Initializer?.Value is LiteralExpressionSyntax)
            .ToDictionary(v => v.Identifier.ValueText, v => ((LiteralExpressionSyntax)v.Initializer!.Value).Token.ValueText);
    }

    [Fact]
    public void Every_key_the_secret_fixes_write_is_bound_into_the_client_options()
    {
        var keys = CodeFixKeys();
        Assert.Equal(new[] { "ApiKeyConfigurationKey", "CloudflareApiTokenConfigurationKey", "TokenConfigurationKey" }, keys.Keys.OrderBy(k => k, StringComparer.Ordinal));
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [keys["ApiKeyConfigurationKey"]] = "ideogram-key-0123456789",
            [keys["TokenConfigurationKey"]] = "gateway-token-0123456789",
            [keys["CloudflareApiTokenConfigurationKey"]] = "logs-api-token-0123456789",
        }).Build();
        Assert.All(keys.Values, k => Assert.StartsWith("Ideogram:", k, StringComparison.Ordinal));

        var services = new ServiceCollection();
        services.AddIdeogramGateway<TestImages>(config.GetSection("Ideogram"));
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptionsMonitor<IdeogramClientOptions>>().Get(nameof(TestImages));

        Assert.Equal("ideogram-key-0123456789", options.ApiKey);
        Assert.Equal("gateway-token-0123456789", options.GatewayToken);
        Assert.Equal("logs-api-token-0123456789", options.CloudflareApiToken);
        Assert.Equal("logs-api-token-0123456789", options.ToGatewayOptions().Recovery?.LogsApiToken);
        Assert.DoesNotContain("logs-api-token", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_Cloudflare_API_token_recovery_stays_off()
    {
        var options = new IdeogramClientOptions { ApiKey = "ideogram-key-0123456789" };
        Assert.Null(options.ToGatewayOptions().Recovery);
    }
}
