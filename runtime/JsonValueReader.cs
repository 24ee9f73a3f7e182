using System.Text.Json;

namespace IdeogramGen
{
    /// <summary>Reads one value of type <typeparamref name="T"/> from the reader positioned on its first token.</summary>
    public delegate T JsonValueReader<T>(ref Utf8JsonReader reader);
}
