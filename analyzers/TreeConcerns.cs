using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using IdeogramGen.ApiDescription;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IdeogramGen.Analyzers
{
    /// <summary>The rules that read operations, as bits: which of them a syntax tree can concern.</summary>
    [Flags]
    internal enum Concerns
    {
        None = 0,
        /// <summary>IDG0101–IDG0107, IDG0201–IDG0203: request types, vocabulary types and request properties.</summary>
        RequestValues = 1,
        /// <summary>IDG0301, IDG0303: credential sinks, names that say "secret", token-shaped or header-name strings.</summary>
        Secrets = 2,
        /// <summary>IDG0204, IDG0401: <c>GatewayRequestOptions</c> members, <c>GatewayLogMetadata</c>, <c>cf.</c> keys.</summary>
        GatewayOptions = 4,
        /// <summary>IDG0402: <c>AddStandardResilienceHandler</c>.</summary>
        ResilienceHandler = 8,
        /// <summary>IDG0106: the URL builders and the pipeline's send and quote methods, strings holding <c>v2/</c>.</summary>
        V2Routes = 16,
        /// <summary>IDG0001–IDG0005: the text holds a <c>[</c>, so a declaration of the file may carry attributes.</summary>
        AttributeLists = 32,
        /// <summary>IDG0001–IDG0005: with a <c>[</c>, the text may spell <c>IdeogramGateway</c> in a name (see <see cref="TextScreen.MayConcern(Microsoft.CodeAnalysis.Text.SourceText, out bool, out bool)"/>).</summary>
        GatewayName = 64,
    }

    /// <summary>
    /// Which rules a syntax tree can concern, read from its identifier and string tokens, without a semantic model. A
    /// rule reads the operations of a tree only when the tree names something the rule looks at: a finding needs the
    /// call, the type, the member or the value it is about to be written in the file (the value may also be a constant
    /// declared elsewhere, reached through a name the file holds). A tree is read once and remembered for as long as it
    /// lives, across compilations, so an edit in one file reads that file again and no other. Before its tokens, the
    /// file's text is scanned (<see cref="TextScreen"/>): a file whose text cannot hold such a token is not visited.
    /// </summary>
    internal static class TreeConcerns
    {
        private sealed class Box
        {
            public Box(Concerns value) => Value = value;
            public readonly Concerns Value;
        }

        private static readonly ConditionalWeakTable<SyntaxTree, Box> Cache = new ConditionalWeakTable<SyntaxTree, Box>();

        private static readonly ConditionalWeakTable<SyntaxTree, Box>.CreateValueCallback Read = tree => new Box(Compute(tree));

        /// <summary>The identifiers each rule looks for wherever they stand (ordinal): types, methods, sinks.</summary>
        internal static readonly Dictionary<string, Concerns> Names = new Dictionary<string, Concerns>(StringComparer.Ordinal);

        /// <summary>
        /// Member names that concern a rule only as the target of an assignment or an initializer (<c>Model = ...</c>,
        /// <c>options.CacheTtl = ...</c>): names such as <c>Id</c>, <c>Size</c> or <c>Metadata</c> are read and
        /// declared everywhere, and only an assignment to one can be a finding.
        /// </summary>
        internal static readonly Dictionary<string, Concerns> AssignedNames = new Dictionary<string, Concerns>(StringComparer.Ordinal);

        static TreeConcerns() => BuildNames();

        /// <summary>The rules <paramref name="tree"/> can concern.</summary>
        public static Concerns Of(SyntaxTree tree) => Cache.GetValue(tree, Read).Value;

        private static void BuildNames()
        {
            void Into(Dictionary<string, Concerns> names, Concerns concern, string name) => names[name] = names.TryGetValue(name, out var c) ? c | concern : concern;
            void Add(Concerns concern, string name) => Into(Names, concern, name);
            void Assigned(Concerns concern, string name) => Into(AssignedNames, concern, name);

            // Request values: the vocabulary and request types, their properties, the palettes, the client's members.
            foreach (var e in IdeogramApi.Enums) Add(Concerns.RequestValues, e.TypeName);
            foreach (var e in IdeogramApi.Endpoints)
            {
                Add(Concerns.RequestValues, (e.SyncTwin ?? e.Name) + "Request");
                foreach (var f in e.Fields) Assigned(Concerns.RequestValues, f.Member);
            }
            foreach (var s in IdeogramApi.RequestSchemas)
            {
                Add(Concerns.RequestValues, s.TypeName);
                foreach (var f in s.Fields) Assigned(Concerns.RequestValues, f.Member);
            }
            foreach (var n in IdeogramApi.GeneratedNames()) Add(Concerns.RequestValues, n);
            foreach (var n in new[] { "ColorPalette", "ColorPaletteV2", "ColorPaletteMember", "FromMembers" }) Add(Concerns.RequestValues, n);

            // Secrets: the known sinks (names that say "secret" are matched by SecretHeuristics).
            foreach (var n in new[] { "IdeogramCredentials", "AuthenticationHeaderValue", "GatewayLogsClient", "Authorization" })
                Add(Concerns.Secrets, n);
            foreach (var (type, member, _) in KnownTypes.CredentialMembers)
            {
                Add(Concerns.Secrets, type.Substring(type.LastIndexOf('.') + 1));
                Add(Concerns.Secrets, member);
            }

            // Gateway options.
            Add(Concerns.GatewayOptions, "GatewayRequestOptions");
            Add(Concerns.GatewayOptions, "GatewayLogMetadata");
            foreach (var n in new[] { "CacheTtl", "CacheKey", "MaxAttempts", "RetryDelay", "RequestTimeout", "Metadata" })
                Assigned(Concerns.GatewayOptions, n);

            Add(Concerns.ResilienceHandler, ResilienceHandlerAnalyzer.UnsafeMethod);

            // v2 routes: the URL builders and the pipeline's methods that take an Ideogram path.
            foreach (var n in new[] { "Endpoints", "Endpoint", "GatewayAddress", "GatewayPipeline", "Pipeline", "SendAsync", "QuoteAsync" })
                Add(Concerns.V2Routes, n);
        }

        private static Concerns Compute(SyntaxTree tree)
        {
            if (!tree.TryGetText(out var text)) return FromTokens(tree) | Concerns.AttributeLists | Concerns.GatewayName;
            // Most files name nothing a rule looks at; their text says so without a token being visited.
            var found = TextScreen.MayConcern(text, out bool brackets, out bool gatewayName) ? FromTokens(tree) : Concerns.None;
            // An attribute list starts with a '[' token, which no escape can spell.
            if (brackets) found |= Concerns.AttributeLists;
            if (gatewayName) found |= Concerns.GatewayName;
            return found;
        }

        /// <summary>The rules <paramref name="tree"/> concerns, read from its tokens (what <see cref="TextScreen"/> keeps to a superset of).</summary>
        [System.Runtime.CompilerServices.MethodImpl(TextScreen.Hot)]
        internal static Concerns FromTokens(SyntaxTree tree)
        {
            var found = Concerns.None;
            foreach (var token in tree.GetRoot().DescendantTokens())
            {
                switch (token.Kind())
                {
                    case SyntaxKind.IdentifierToken:
                        var name = token.ValueText;
                        if (Names.TryGetValue(name, out var c)) found |= c;
                        if (AssignedNames.TryGetValue(name, out var assigned) && (found & assigned) != assigned && IsAssigned(token)) found |= assigned;
                        if ((found & Concerns.Secrets) == 0 && MaySayCredential(name) && SecretHeuristics.IsSecretName(name)) found |= Concerns.Secrets;
                        break;
                    case SyntaxKind.StringLiteralToken:
                    case SyntaxKind.InterpolatedStringTextToken:
                    case SyntaxKind.SingleLineRawStringLiteralToken:
                    case SyntaxKind.MultiLineRawStringLiteralToken:
                        found |= OfString(token.ValueText, found);
                        break;
                }
            }
            return found;
        }

        /// <summary>What a string constant can concern: a <c>v2/</c> path, a <c>cf.</c> metadata key, a header name or a token-shaped value.</summary>
        private static Concerns OfString(string value, Concerns found)
        {
            var result = Concerns.None;
            if (value.Length == 0) return result;
            if ((found & Concerns.V2Routes) == 0 && value.IndexOf(V2PathMark, StringComparison.OrdinalIgnoreCase) >= 0) result |= Concerns.V2Routes;
            if ((found & Concerns.GatewayOptions) == 0 && value.StartsWith(GatewayOptionsAnalyzer.Limits.ReservedMetadataPrefix, StringComparison.OrdinalIgnoreCase))
                result |= Concerns.GatewayOptions;
            if ((found & Concerns.Secrets) == 0)
            {
                foreach (var (header, _) in HardCodedSecretAnalyzer.CredentialHeaders)
                    if (string.Equals(value, header, StringComparison.OrdinalIgnoreCase)) return result | Concerns.Secrets;
                if (SecretHeuristics.LooksLikeToken(SecretHeuristics.StripScheme(value, out _))) result |= Concerns.Secrets;
            }
            return result;
        }

        /// <summary>True when the identifier names what an assignment or an initializer's member assignment writes to.</summary>
        private static bool IsAssigned(SyntaxToken identifier)
        {
            if (!(identifier.Parent is IdentifierNameSyntax name)) return false;
            SyntaxNode target = name;
            if (name.Parent is MemberAccessExpressionSyntax access && access.Name == name) target = access;
            else if (name.Parent is MemberBindingExpressionSyntax binding && binding.Name == name)
            {
                // r?.Seed = 5: the assignment is the conditional access's WhenNotNull, or, parsed as a read, its parent.
                if (binding.Parent is AssignmentExpressionSyntax) target = binding;
                else if (binding.Parent is ConditionalAccessExpressionSyntax conditional && conditional.WhenNotNull == binding) target = conditional;
                else return false;
            }
            return target.Parent is AssignmentExpressionSyntax assignment && assignment.Left == target;
        }

        /// <summary>What a string constant holds when it is an Ideogram v2 path (IDG0106), without case.</summary>
        internal const string V2PathMark = "v2/";

        /// <summary>The words one of which a credential's name holds (lower case), before the name heuristics decide.</summary>
        internal static readonly string[] CredentialWords = { "key", "token", "secret", "passw", "credential" };

        /// <summary>A quick no for most identifiers before the name heuristics' regular expressions.</summary>
        private static bool MaySayCredential(string name)
        {
            foreach (var word in CredentialWords)
                if (name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0) return true;
            return false;
        }
    }
}
