using System.Threading.Tasks;

namespace IdeogramGen.Analyzers.Tests
{
    /// <summary>IDG0001 also covers classes whose name, or a member's, is one the generator adds.</summary>
    public class GeneratedNameCollisionTests
    {
        private const string Account = "3ebbcb006d4d46d7bb6a8c7f14676cb0";

        private static Task Run(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
            Verify.AnalyzerAsync<GatewayAttributeAnalyzer>("using IdeogramGen;\n" + source, withRequests: false, configure: null, expected);

        [Theory]
        [InlineData("Endpoints")]
        [InlineData("GenerateV3Async")]
        public Task Class_named_like_a_generated_member_fires(string name) =>
            Run($"[IdeogramGateway(\"{Account}\", \"gw\")] public partial class {{|IDG0001:{name}|}} {{ }}");

        // Request and response types live in the models namespace, outside the class: their names are free.
        [Theory]
        [InlineData("ImageV3Response")]
        [InlineData("GenerateV3Request")]
        public Task Class_named_like_a_model_type_is_silent(string name) =>
            Run($"[IdeogramGateway(\"{Account}\", \"gw\")] public partial class {name} {{ }}");

        [Fact]
        public Task Member_named_like_a_generated_member_fires() =>
            Run($"[IdeogramGateway(\"{Account}\", \"gw\")] public partial class {{|IDG0001:Images|}} {{ public int Pipeline => 0; }}");

        [Fact]
        public Task Other_members_are_silent() =>
            Run($"[IdeogramGateway(\"{Account}\", \"gw\")] public partial class Images {{ public int Count => 0; public string Describe() => \"\"; }}");
    }
}
