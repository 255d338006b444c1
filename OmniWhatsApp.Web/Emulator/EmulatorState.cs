using System.Text.Json;
using Microsoft.Extensions.Options;

namespace OmniWhatsApp.Web.Emulator;

/// <summary>
/// Everything the emulated Twilio remembers: messages both ways, inbound media, when each customer last wrote
/// to each business number (the 24-hour window), sandbox memberships, the WhatsApp senders with their webhooks and
/// the Content templates created through its API. Kept in memory and appended to a
/// journal under <see cref="EmulatorOptions.DataPath"/> (one JSON line per change; media as files beside it), so it
/// survives a restart of the app like Twilio would survive one. The journal is compacted when it is loaded.
/// </summary>
public sealed class EmulatorState : IDisposable
{
    public const string JournalFile = "journal.jsonl";
    private const string MediaFolder = "media";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Lock gate = new();
    private readonly Dictionary<string, EmulatorMessage> messages = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Business, string Customer), DateTimeOffset> lastInbound = [];
    private readonly Dictionary<(string Sandbox, string Customer), DateTimeOffset> joined = [];
    private readonly Dictionary<string, EmulatorSender> senders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EmulatorTemplate> contents = new(StringComparer.Ordinal);
    private readonly ILogger<EmulatorState> logger;
    private StreamWriter? journal;

    public EmulatorState(IOptions<EmulatorOptions> options, IHostEnvironment environment, ILogger<EmulatorState> logger)
    {
        this.logger = logger;
        DataPath = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.DataPath));
        Directory.CreateDirectory(Path.Combine(DataPath, MediaFolder));
        Load();
    }

    /// <summary>The emulator's folder (absolute).</summary>
    public string DataPath { get; }

    /// <summary>Raised after a message is stored or changes (outside the lock). For the customer simulator.</summary>
    public event Action<EmulatorMessage>? MessageChanged;

    /// <summary>Every message, oldest first.</summary>
    public IReadOnlyList<EmulatorMessage> Messages
    {
        get
        {
            lock (gate) return messages.Values.OrderBy(m => m.DateCreated).ThenBy(m => m.Sid, StringComparer.Ordinal).ToList();
        }
    }

    public EmulatorMessage? Find(string sid)
    {
        lock (gate) return messages.GetValueOrDefault(sid);
    }

    /// <summary>Adds or replaces a message (by SID) and writes it to the journal.</summary>
    public void Save(EmulatorMessage message)
    {
        lock (gate)
        {
            messages[message.Sid] = message;
            Append(new JournalEntry { Kind = "message", Message = message });
        }
        MessageChanged?.Invoke(message);
    }

    /// <summary>
    /// Replaces a message with <paramref name="change"/>(current) while holding the lock, so two changes to one
    /// message never overwrite each other. Returns the stored result, or null for an unknown SID.
    /// </summary>
    public EmulatorMessage? Update(string sid, Func<EmulatorMessage, EmulatorMessage> change)
    {
        EmulatorMessage updated;
        lock (gate)
        {
            if (!messages.TryGetValue(sid, out var current)) return null;
            updated = change(current);
            messages[sid] = updated;
            Append(new JournalEntry { Kind = "message", Message = updated });
        }
        MessageChanged?.Invoke(updated);
        return updated;
    }

    /// <summary>When <paramref name="customer"/> last wrote to <paramref name="business"/> (both +E164).</summary>
    public DateTimeOffset? LastInbound(string business, string customer)
    {
        lock (gate) return lastInbound.TryGetValue((business, customer), out var at) ? at : null;
    }

    public void RecordInbound(string business, string customer, DateTimeOffset at)
    {
        lock (gate)
        {
            if (lastInbound.TryGetValue((business, customer), out var known) && known >= at) return;
            lastInbound[(business, customer)] = at;
            Append(new JournalEntry { Kind = "window", Business = business, Customer = customer, At = at });
        }
    }

    /// <summary>Moves the customer's last message back to <paramref name="lastInbound"/>, so that their window has ended.</summary>
    public void EndWindow(string business, string customer, DateTimeOffset lastInbound)
    {
        lock (gate)
        {
            this.lastInbound[(business, customer)] = lastInbound;
            Append(new JournalEntry { Kind = "window", Business = business, Customer = customer, At = lastInbound });
        }
    }

    public DateTimeOffset? JoinedAt(string sandbox, string customer)
    {
        lock (gate) return joined.TryGetValue((sandbox, customer), out var at) ? at : null;
    }

    public void RecordJoin(string sandbox, string customer, DateTimeOffset at)
    {
        lock (gate)
        {
            joined[(sandbox, customer)] = at;
            Append(new JournalEntry { Kind = "join", Business = sandbox, Customer = customer, At = at });
        }
    }

    public void RecordLeave(string sandbox, string customer)
    {
        lock (gate)
        {
            if (!joined.Remove((sandbox, customer))) return;
            Append(new JournalEntry { Kind = "leave", Business = sandbox, Customer = customer });
        }
    }

    /// <summary>Every WhatsApp sender, oldest first.</summary>
    public IReadOnlyList<EmulatorSender> Senders
    {
        get
        {
            lock (gate) return senders.Values.OrderBy(s => s.DateCreated).ThenBy(s => s.Sid, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>The sender of a <c>whatsapp:+E164</c> address, if any.</summary>
    public EmulatorSender? SenderFor(string senderId)
    {
        lock (gate) return senders.Values.FirstOrDefault(s => s.SenderId == senderId);
    }

    /// <summary>Adds or replaces a sender (by SID).</summary>
    public void SaveSender(EmulatorSender sender)
    {
        lock (gate)
        {
            senders[sender.Sid] = sender;
            Append(new JournalEntry { Kind = "sender", Sender = sender });
        }
    }

    /// <summary>Templates created through the Content API, oldest first.</summary>
    public IReadOnlyList<EmulatorTemplate> Contents
    {
        get
        {
            lock (gate) return contents.Values.OrderBy(c => c.DateCreated).ThenBy(c => c.Sid, StringComparer.Ordinal).ToList();
        }
    }

    public EmulatorTemplate? FindContent(string sid)
    {
        lock (gate) return contents.GetValueOrDefault(sid);
    }

    public void SaveContent(EmulatorTemplate content)
    {
        lock (gate)
        {
            contents[content.Sid] = content;
            Append(new JournalEntry { Kind = "content", Content = content });
        }
    }

    /// <summary>Stores an inbound attachment; returns its media SID (ME…).</summary>
    public EmulatorMedia StoreMedia(EmulatorFile file)
    {
        var media = new EmulatorMedia(EmulatorWire.NewSid("ME"), file.ContentType, file.Content.LongLength, file.FileName);
        File.WriteAllBytes(MediaPath(media.Sid), file.Content);
        return media;
    }

    public byte[]? ReadMedia(string mediaSid) =>
        TwilioSidShape(mediaSid) && File.Exists(MediaPath(mediaSid)) ? File.ReadAllBytes(MediaPath(mediaSid)) : null;

    /// <summary>The messages persisted in an emulator folder, read without starting an app (for tests and tools).</summary>
    public static IReadOnlyList<EmulatorMessage> ReadPersistedMessages(string dataPath)
    {
        var found = new Dictionary<string, EmulatorMessage>(StringComparer.Ordinal);
        foreach (var entry in ReadJournal(Path.Combine(dataPath, JournalFile)))
        {
            if (entry is { Kind: "message", Message: { } message }) found[message.Sid] = message;
        }
        return found.Values.OrderBy(m => m.DateCreated).ToList();
    }

    public void Dispose()
    {
        lock (gate)
        {
            journal?.Dispose();
            journal = null;
        }
    }

    private string MediaPath(string sid) => Path.Combine(DataPath, MediaFolder, sid);

    private static bool TwilioSidShape(string sid) =>
        sid.Length == 34 && sid.StartsWith("ME", StringComparison.Ordinal) && sid[2..].All(Uri.IsHexDigit);

    private void Append(JournalEntry entry)
    {
        if (journal is null) return;
        journal.WriteLine(JsonSerializer.Serialize(entry, Json));
        // Each change reaches the operating system at once, so a killed process loses nothing it has answered.
        journal.Flush();
    }

    private void Load()
    {
        var path = Path.Combine(DataPath, JournalFile);
        var entries = 0;
        foreach (var entry in ReadJournal(path))
        {
            entries++;
            var key = (entry.Business ?? "", entry.Customer ?? "");
            switch (entry.Kind)
            {
                case "message" when entry.Message is not null:
                    messages[entry.Message.Sid] = entry.Message;
                    break;
                case "window" when entry.At is { } at:
                    lastInbound[key] = at;
                    break;
                case "join" when entry.At is { } at:
                    joined[key] = at;
                    break;
                case "leave":
                    joined.Remove(key);
                    break;
                case "sender" when entry.Sender is not null:
                    senders[entry.Sender.Sid] = entry.Sender;
                    break;
                case "content" when entry.Content is not null:
                    contents[entry.Content.Sid] = entry.Content;
                    break;
            }
        }

        // Rewrite the journal with one line per thing still known, then keep appending to it.
        var compacted = path + ".tmp";
        using (var writer = new StreamWriter(compacted, append: false))
        {
            foreach (var message in messages.Values.OrderBy(m => m.DateCreated))
                writer.WriteLine(JsonSerializer.Serialize(new JournalEntry { Kind = "message", Message = message }, Json));
            foreach (var ((business, customer), at) in lastInbound)
                writer.WriteLine(JsonSerializer.Serialize(new JournalEntry { Kind = "window", Business = business, Customer = customer, At = at }, Json));
            foreach (var ((sandbox, customer), at) in joined)
                writer.WriteLine(JsonSerializer.Serialize(new JournalEntry { Kind = "join", Business = sandbox, Customer = customer, At = at }, Json));
            foreach (var sender in senders.Values)
                writer.WriteLine(JsonSerializer.Serialize(new JournalEntry { Kind = "sender", Sender = sender }, Json));
            foreach (var content in contents.Values)
                writer.WriteLine(JsonSerializer.Serialize(new JournalEntry { Kind = "content", Content = content }, Json));
        }
        File.Move(compacted, path, overwrite: true);
        journal = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read));
        if (entries > 0) logger.LogInformation("Twilio emulator state loaded: {Messages} messages from {Path}", messages.Count, path);
    }

    private static IEnumerable<JournalEntry> ReadJournal(string path)
    {
        if (!File.Exists(path)) yield break;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            JournalEntry? entry;
            try
            {
                entry = JsonSerializer.Deserialize<JournalEntry>(line, Json);
            }
            catch (JsonException)
            {
                // A line cut short by a crash: everything before it is intact.
                continue;
            }
            if (entry is not null) yield return entry;
        }
    }

    private sealed class JournalEntry
    {
        public string Kind { get; set; } = "";
        public EmulatorMessage? Message { get; set; }
        public EmulatorSender? Sender { get; set; }
        public EmulatorTemplate? Content { get; set; }
        public string? Business { get; set; }
        public string? Customer { get; set; }
        public DateTimeOffset? At { get; set; }
    }
}
