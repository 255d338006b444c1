using OmniWhatsApp.Tests.Browser.Pages;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OmniWhatsApp.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class WorkstreamsListTests(AppHost app, BrowserFixture browser)
{
    [Fact]
    public async Task The_workstreams_list_sorts_by_a_column_and_back()
    {
        await app.CreateChannelAsync(templates: []);
        await app.CreateChannelAsync(templates: [TestChannels.FollowUp, new("goodbye", "Thanks for writing to us."), new("welcome", "Welcome!")]);
        await using var session = await browser.SignInAsync(app, DemoData.Admin);
        var workstreams = await WorkstreamsPage.OpenAsync(session.Page);
        var counts = workstreams.Column("Templates");
        await Expect(counts.First).ToBeVisibleAsync();

        await workstreams.SortByAsync("Templates");
        await Expect(counts.First).ToHaveTextAsync("0");
        var ascending = await CountsAsync();
        Assert.Equal(ascending.Order(), ascending);

        await workstreams.SortByAsync("Templates");
        await Expect(counts.First).Not.ToHaveTextAsync("0");
        var descending = await CountsAsync();
        Assert.Equal(descending.OrderDescending(), descending);
        Assert.True(descending[0] >= 3);
        Assert.Empty(session.Errors);

        async Task<List<int>> CountsAsync() =>
            (await counts.AllInnerTextsAsync()).Select(c => int.Parse(c.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }
}
