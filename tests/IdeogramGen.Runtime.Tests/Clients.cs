using IdeogramGen;

namespace IdeogramGen.TestSupport;

/// <summary>The client every test uses; the generator emits its members.</summary>
[IdeogramGateway("3ebbcb006d4d46d7bb6a8c7f14676cb0", "my-gateway")]
public partial class TestImages { }
