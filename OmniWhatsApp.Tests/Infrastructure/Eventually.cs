namespace OmniWhatsApp.Tests.Infrastructure;

/// <summary>Waits for something the app does in the background (a send, a callback) instead of sleeping.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what ?? "the condition"}; last value: {value}");
            await Task.Delay(25);
        }
    }

    public static Task<T> Get<T>(Func<T> read, Func<T, bool> done, TimeSpan? timeout = null, string? what = null) =>
        GetAsync(() => Task.FromResult(read()), done, timeout, what);
}
