using System.Threading.Tasks;
using IdeogramGen.CodeFixes;

namespace IdeogramGen.Analyzers.Tests
{
    /// <summary>IDG0402 against stubs of the HttpClientFactory, resilience and IdeogramGen.Extensions APIs.</summary>
    public class ResilienceHandlerTests
    {
        private const string Stubs = @"
namespace Microsoft.Extensions.DependencyInjection
{
    public interface IServiceCollection { }
    public interface IHttpClientBuilder { string Name { get; } IServiceCollection Services { get; } }
    public interface IHttpStandardResiliencePipelineBuilder { }
    public interface IHealthChecksBuilder { }
    public sealed class HttpStandardResilienceOptions { }
    public static class HttpClientBuilderExtensions
    {
        public static IHttpClientBuilder ConfigureHttpClient(this IHttpClientBuilder b, System.Action<System.Net.Http.HttpClient> c) => b;
        public static IHttpClientBuilder AddHttpMessageHandler(this IHttpClientBuilder b, System.Func<System.Net.Http.DelegatingHandler> h) => b;
        public static IHttpClientBuilder AddHttpClient(this IServiceCollection s, string name) => null!;
    }
    public static class ResilienceHttpClientBuilderExtensions
    {
        public static IHttpStandardResiliencePipelineBuilder AddStandardResilienceHandler(this IHttpClientBuilder b) => null!;
        public static IHttpStandardResiliencePipelineBuilder AddStandardResilienceHandler(this IHttpClientBuilder b, System.Action<HttpStandardResilienceOptions> configure) => null!;
        public static IHttpStandardResiliencePipelineBuilder AddStandardResilienceHandler(this IHttpClientBuilder b, object section) => null!;
    }
    public static class IdeogramGatewayServiceCollectionExtensions
    {
        public static IHttpClientBuilder AddIdeogramGateway<TClient>(this IServiceCollection s) where TClient : class => null!;
        public static IHttpClientBuilder AddIdeogramGateway<TClient>(this IServiceCollection s, string name) where TClient : class => null!;
        public static IHealthChecksBuilder AddIdeogramGateway<TClient>(this IHealthChecksBuilder h) where TClient : class => h;
    }
    public static class IdeogramResilienceHttpClientBuilderExtensions
    {
        public static IHttpStandardResiliencePipelineBuilder AddIdeogramResilienceHandler(this IHttpClientBuilder b, System.Action<HttpStandardResilienceOptions>? configure = null) => null!;
    }
}
";

        private static string Source(string body) =>
            "#nullable enable\n" +
            "using Microsoft.Extensions.DependencyInjection;\npublic sealed class Images { }\npublic static class Startup\n{\n" +
            "    public static void Configure(IServiceCollection services, IHealthChecksBuilder health)\n    {\n" + body + "\n    }\n}\n" + Stubs;

        private static Task Run(string body) =>
            Verify.AnalyzerAsync<ResilienceHandlerAnalyzer>(Source(body), withRequests: false, configure: null);

        [Fact]
        public Task Standard_handler_on_the_ideogram_builder_fires_through_chains_and_locals() =>
            Run("services.AddIdeogramGateway<Images>().{|IDG0402:AddStandardResilienceHandler|}();\n" +
                "services.AddIdeogramGateway<Images>(\"b\").ConfigureHttpClient(c => { }).{|IDG0402:AddStandardResilienceHandler|}(o => { });\n" +
                "var builder = services.AddIdeogramGateway<Images>(\"c\");\n" +
                "builder.AddHttpMessageHandler(() => null!).{|IDG0402:AddStandardResilienceHandler|}();\n" +
                "ResilienceHttpClientBuilderExtensions.{|IDG0402:AddStandardResilienceHandler|}(builder);");

        [Fact]
        public Task Other_clients_and_the_safe_method_are_silent() =>
            Run("services.AddHttpClient(\"other\").AddStandardResilienceHandler();\n" +
                "services.AddIdeogramGateway<Images>().AddIdeogramResilienceHandler();\n" +
                "health.AddIdeogramGateway<Images>();\n" +
                "var other = services.AddHttpClient(\"x\");\nother.AddStandardResilienceHandler();");

        [Fact]
        public Task Fix_renames_to_the_safe_method_and_keeps_the_options() =>
            Verify.CodeFixAsync<ResilienceHandlerAnalyzer, SafeResilienceCodeFix>(
                Source("services.AddIdeogramGateway<Images>().{|IDG0402:AddStandardResilienceHandler|}(o => { });\nservices.AddIdeogramGateway<Images>(\"b\").{|IDG0402:AddStandardResilienceHandler|}();"),
                Source("services.AddIdeogramGateway<Images>().AddIdeogramResilienceHandler(o => { });\nservices.AddIdeogramGateway<Images>(\"b\").AddIdeogramResilienceHandler();"),
                0);

        [Fact]
        public Task Configuration_section_overload_is_reported() =>
            Run("services.AddIdeogramGateway<Images>().{|IDG0402:AddStandardResilienceHandler|}(new object());");
    }
}
