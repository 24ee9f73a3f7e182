using System.Text.Json;

namespace IdeogramGen
{
    /// <summary>
    /// The part of an asynchronous submit's answer the client needs: <c>generation_id</c> (Ideogram OpenAPI document of
    /// 2026-10-07: <c>AsyncImageGenerationResponseV4</c> and the v2 responses, where it is required).
    /// </summary>
    internal sealed class SubmitAnswer : IdeogramResponse
    {
        public string GenerationId { get; private set; } = "";

        public static readonly JsonValueReader<SubmitAnswer> Read = ReadAnswer;

        private static SubmitAnswer ReadAnswer(ref Utf8JsonReader reader)
        {
            const string Root = "submit";
            IdeogramJson.ExpectObject(ref reader, Root);
            string? id = null;
            while (IdeogramJson.NextProperty(ref reader, Root))
            {
                if (reader.ValueTextEquals("generation_id")) { IdeogramJson.Value(ref reader, Root + ".generation_id"); id = IdeogramJson.ReadString(ref reader, Root + ".generation_id"); }
                else { IdeogramJson.Value(ref reader, Root); IdeogramJson.Skip(ref reader, Root); }
            }
            if (string.IsNullOrEmpty(id))
                throw new IdeogramJsonFormatException(Root + ".generation_id", "the answer has no generation_id, so the generation cannot be polled");
            try
            {
                // The id goes into the poll's URL path: refuse anything but what Ideogram answers (URL-safe base64).
                IdeogramGeneration.CheckId(id, "generation_id");
            }
            catch (System.ArgumentException)
            {
                throw new IdeogramJsonFormatException(Root + ".generation_id", "the generation_id is not URL-safe base64 of at most " + IdeogramGeneration.MaxIdLength.ToString(System.Globalization.CultureInfo.InvariantCulture) + " characters, so it cannot be polled");
            }
            return new SubmitAnswer { GenerationId = id! };
        }
    }
}
