using IdeogramGen;

namespace QuickStart;

// The account id and gateway id of your Cloudflare AI Gateway (dashboard > AI > AI Gateway). These two identifiers
// appear in every gateway URL and are not secrets. Replace them with your own to call the real gateway (--real).
[IdeogramGateway("3ebbcb006d4d46d7bb6a8c7f14676cb0", "my-gateway", Families = EndpointFamilies.V3)]
public partial class Images { }
