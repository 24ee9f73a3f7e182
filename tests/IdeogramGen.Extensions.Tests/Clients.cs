using IdeogramGen;

namespace IdeogramGen.Extensions.Tests;

/// <summary>The client the tests register; the generator emits its members.</summary>
[IdeogramGateway("3ebbcb006d4d46d7bb6a8c7f14676cb0", "my-gateway")]
public partial class TestImages { }

/// <summary>A second client (another gateway), for registrations of several clients.</summary>
[IdeogramGateway("0123456789abcdef0123456789abcdef", "second-gateway")]
public partial class OtherImages { }
