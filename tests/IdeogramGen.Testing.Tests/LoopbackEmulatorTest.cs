using System.Net.Http;
using System.Threading.Tasks;

namespace IdeogramGen.Testing.Tests
{
    /// <summary>A test class with its own emulator on loopback (default options) and a client for it.</summary>
    public abstract class LoopbackEmulatorTest : IAsyncLifetime
    {
        protected IdeogramEmulator _emulator = null!;
        protected HttpClient _client = null!;

        public async Task InitializeAsync()
        {
            _emulator = await IdeogramEmulator.StartAsync();
            _client = _emulator.CreateClient();
        }

        public async Task DisposeAsync()
        {
            _client.Dispose();
            await _emulator.DisposeAsync();
        }
    }
}
