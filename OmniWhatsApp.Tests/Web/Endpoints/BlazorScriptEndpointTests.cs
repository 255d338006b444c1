using System.Net;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Web.Endpoints;

[Collection(AppCollection.Name)]
public sealed class BlazorScriptEndpointTests(AppHost app)
{
    [Fact]
    public async Task Blazor_script_is_served_to_anonymous_visitors()
    {
        using var http = app.CreateHttpClient();

        using var response = await http.GetAsync("_framework/blazor.web.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Blazor", await response.Content.ReadAsStringAsync());
    }
}
