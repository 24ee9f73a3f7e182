using System;
using System.Text.Json;

namespace IdeogramGen
{
    /// <summary>
    /// One poll's answer, <c>GET /v1|v2/generations/{generation_id}</c> (Ideogram OpenAPI document of 2026-10-07, schema
    /// <c>GenerationResponse</c>): <c>generation_id</c>, <c>status</c> (<c>pending</c> | <c>completed</c> | <c>failed</c>),
    /// <c>created</c>, <c>failure_reason</c>, <c>usage_cost_usd_micros</c>, and once completed the result, read from the
    /// same JSON by the endpoint's own reader (the poll's <c>data</c> mirrors the synchronous answer's).
    /// </summary>
    internal sealed class GenerationState<T> : IdeogramResponse
        where T : IdeogramResponse
    {
        public const string Pending = "pending", Completed = "completed", Failed = "failed";

        public string? GenerationId { get; private set; }
        public string? Status { get; private set; }
        public DateTimeOffset? Created { get; private set; }
        public string? FailureReason { get; private set; }
        public long? UsageCostUsdMicros { get; private set; }
        public T? Result { get; private set; }

        /// <summary>A reader of poll answers whose completed result <paramref name="result"/> reads.</summary>
        public static JsonValueReader<GenerationState<T>> Reader(JsonValueReader<T> result) =>
            (ref Utf8JsonReader reader) =>
            {
                // The reader is a struct: a copy starts at the same object, for the result's own reader.
                var again = reader;
                var state = ReadState(ref reader);
                if (state.Status == Completed) state.Result = result(ref again);
                return state;
            };

        private static GenerationState<T> ReadState(ref Utf8JsonReader reader)
        {
            const string Root = "GenerationResponse";
            IdeogramJson.ExpectObject(ref reader, Root);
            var state = new GenerationState<T>();
            while (IdeogramJson.NextProperty(ref reader, Root))
            {
                if (reader.ValueTextEquals("generation_id")) { IdeogramJson.Value(ref reader, Root + ".generation_id"); state.GenerationId = IdeogramJson.ReadString(ref reader, Root + ".generation_id"); }
                else if (reader.ValueTextEquals("status")) { IdeogramJson.Value(ref reader, Root + ".status"); state.Status = IdeogramJson.ReadString(ref reader, Root + ".status"); }
                else if (reader.ValueTextEquals("created")) { IdeogramJson.Value(ref reader, Root + ".created"); state.Created = IdeogramJson.ReadDateTime(ref reader, Root + ".created"); }
                else if (reader.ValueTextEquals("failure_reason")) { IdeogramJson.Value(ref reader, Root + ".failure_reason"); state.FailureReason = IdeogramJson.ReadString(ref reader, Root + ".failure_reason"); }
                else if (reader.ValueTextEquals("usage_cost_usd_micros"))
                {
                    IdeogramJson.Value(ref reader, Root + ".usage_cost_usd_micros");
                    if (reader.TokenType == JsonTokenType.Null) state.UsageCostUsdMicros = null;
                    else if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var micros) && micros >= 0) state.UsageCostUsdMicros = micros;
                    else throw new IdeogramJsonFormatException(Root + ".usage_cost_usd_micros", "expected a whole number of micro-dollars, 0 or more");
                }
                else { IdeogramJson.Value(ref reader, Root); IdeogramJson.Skip(ref reader, Root); }
            }
            if (string.IsNullOrEmpty(state.Status)) throw new IdeogramJsonFormatException(Root + ".status", "the poll's answer has no status (a required property)");
            return state;
        }
    }
}
