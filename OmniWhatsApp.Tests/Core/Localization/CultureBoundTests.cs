using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using OmniWhatsApp.Core.Events;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Localization;

/// <summary>Live events reach a page in its reader's culture, whoever publishes them.</summary>
public sealed class CultureBoundTests
{
    [Fact]
    public async Task A_subscriber_hears_events_in_the_culture_it_subscribed_in_not_the_publishers()
    {
        var events = new InProcessConversationEvents(NullLogger<InProcessConversationEvents>.Instance);
        var heard = new TaskCompletionSource<(string Culture, string UiCulture)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        IDisposable subscription;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ru-RU");
            subscription = events.Subscribe(_ =>
            {
                heard.TrySetResult((CultureInfo.CurrentCulture.Name, CultureInfo.CurrentUICulture.Name));
                return Task.CompletedTask;
            });
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
        }

        // Published from a worker in another culture.
        await Task.Run(() =>
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
            events.Publish(new WindowClosed(1, null, null, DateTimeOffset.UtcNow));
        });

        Assert.Equal(("ru-RU", "ru-RU"), await heard.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        subscription.Dispose();
        Assert.Equal(0, events.SubscriberCount);
    }
}
