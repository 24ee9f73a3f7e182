using IdeogramGen;

namespace WebApp;

// Your Cloudflare account id and gateway id (identifiers, not secrets). The emulator accepts any well-formed pair.
[IdeogramGateway("3ebbcb006d4d46d7bb6a8c7f14676cb0", "my-gateway", Families = EndpointFamilies.V3)]
public partial class Images { }
