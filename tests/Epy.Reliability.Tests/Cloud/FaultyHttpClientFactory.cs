namespace Epy.Reliability.Tests.Cloud;

/// <summary>Gives the official Cloud Storage client HTTP handlers that inject the world's faults.</summary>
internal sealed class FaultyHttpClientFactory(Func<HttpMessageHandler> handler) : global::Google.Apis.Http.HttpClientFactory
{
    protected override HttpMessageHandler CreateHandler(global::Google.Apis.Http.CreateHttpClientArgs args) => handler();
}
