using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using IdeogramGen.ApiDescription;

namespace IdeogramGen.Testing.Internal
{
    /// <summary>
    /// The exact error bodies of Cloudflare AI Gateway and Ideogram (sources: shared design notes gateway.md §4 and
    /// ideogram.md; gateway bodies as observed live, Ideogram bodies from its v2 documentation).
    /// </summary>
    /// <summary>The rows of the shared error facts table the emulator answers with.</summary>
    internal static class EmulatorFacts
    {
        public static ErrorFact Gateway(string kind) => ErrorFacts.Kind(ErrorSource.Gateway, kind);

        public static ErrorFact Ideogram(string kind) => ErrorFacts.Kind(ErrorSource.Ideogram, kind);
    }

    internal static class WireBodies
    {
        public const string Json = "application/json";

        /// <summary>The AiGatewayError envelope: <c>{"success":false,"result":[],"messages":[],"error":[{code,message}],"name":"AiGatewayError","httpCode":…,"internalCode":…}</c>.</summary>
        public static string GatewayError(int httpCode, int code, string message) =>
            "{\"success\":false,\"result\":[],\"messages\":[],\"error\":[{\"code\":" + code.ToString(CultureInfo.InvariantCulture)
            + ",\"message\":" + Quote(message) + "}],\"name\":\"AiGatewayError\",\"httpCode\":" + httpCode.ToString(CultureInfo.InvariantCulture)
            + ",\"internalCode\":" + code.ToString(CultureInfo.InvariantCulture) + "}";

        /// <summary>The envelope of a gateway error row of the facts table (its status, code and message).</summary>
        public static string GatewayError(ErrorFact fact) => GatewayError(fact.Status!.Value, fact.Code!.Value, fact.WireMessage);

        public static readonly string Unauthorized2009 = GatewayError(EmulatorFacts.Gateway("Unauthorized"));
        public static readonly string RateLimited2003 = GatewayError(EmulatorFacts.Gateway("RateLimited"));
        public static readonly string GatewayNotFound2001 = GatewayError(EmulatorFacts.Gateway("GatewayNotFound"));
        public static readonly string GuardrailPrompt2016 = GatewayError(EmulatorFacts.Gateway("PromptBlocked"));

        /// <summary>2005 as observed: the envelope without <c>name</c>/<c>httpCode</c>/<c>internalCode</c>.</summary>
        public static readonly string ProviderNoResponse2005 =
            "{\"success\":false,\"result\":[],\"messages\":[],\"error\":[{\"code\":2005,\"message\":" + Quote(EmulatorFacts.Gateway("ProviderUnreachable").WireMessage) + "}]}";

        public static readonly string PolicyDenied = "{\"success\":false,\"error\":{\"message\":" + Quote(EmulatorFacts.Gateway("PolicyDenied").WireMessage) + "}}";

        public static readonly string SpendLimitExceeded =
            "{\"success\":false,\"error\":{\"message\":" + Quote(EmulatorFacts.Gateway("SpendLimitExceeded").WireMessage) + ",\"bucket\":\"b1\",\"spent\":1000.42,\"limit\":1000}}";

        public const string IdeogramInflightLimit =
            "{\"error\":\"Too many requests in flight for this organization.\",\"reject_reason\":\"inflight_limit\",\"max_inflight_requests\":10}";

        public const string InsufficientCredits = "{\"error\":\"Insufficient credits\",\"reject_reason\":\"insufficient_funds\"}";

        public const string PromptSafety = "{\"error\":\"Prompt provided failed safety check due to the inclusion of prohibited content.\"}";

        public const string MissingApiKey = "{\"error\":\"Missing API key\"}";
        public const string InvalidApiKey = "{\"error\":\"Invalid API key\"}";
        public const string NotFound = "{\"error\":\"Not found\"}";
        public const string MethodNotAllowed = "{\"error\":\"Method not allowed\"}";

        /// <summary>Ideogram's 400 body shape is undeclared; the emulator answers <c>{"error":"&lt;field&gt;: &lt;what is wrong&gt;"}</c>.</summary>
        public static string IdeogramError(string message) => "{\"error\":" + Quote(message) + "}";

        public static string ServerErrorJson(int status) => IdeogramError(status switch
        {
            502 => "Bad gateway",
            503 => "Service unavailable",
            _ => "Internal server error",
        });

        public static string ServerErrorHtml(int status)
        {
            string title = status switch { 502 => "502 Bad Gateway", 503 => "503 Service Temporarily Unavailable", _ => "500 Internal Server Error" };
            return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                + "</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n";
        }

        /// <summary>Cloudflare v4 API error envelope: <c>{"result":null,"success":false,"errors":[{code,message}],"messages":[]}</c>.</summary>
        public static string V4Error(int code, string message) =>
            "{\"result\":null,\"success\":false,\"errors\":[{\"code\":" + code.ToString(CultureInfo.InvariantCulture)
            + ",\"message\":" + Quote(message) + "}],\"messages\":[]}";

        public static string Quote(string s)
        {
            using var ms = new MemoryStream();
            using (var w = new Utf8JsonWriter(ms)) w.WriteStringValue(s);
            return Encoding.UTF8.GetString(ms.ToArray());
        }
    }
}
