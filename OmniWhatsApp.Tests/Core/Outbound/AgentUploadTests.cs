using Microsoft.EntityFrameworkCore;
using OmniWhatsApp.Core.Inbound;
using OmniWhatsApp.Core.Messages;
using OmniWhatsApp.Core.Outbound;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Outbound;

/// <summary>Files agents upload: WhatsApp's types and sizes, stored like customers' files, sent to Twilio at a signed link.</summary>
[Trait("Storage", "Both")]
[Collection(AppCollection.Name)]
public sealed class AgentUploadTests(AppHost app)
{
    [Fact]
    public async Task An_upload_is_stored_with_the_media_and_Twilio_gets_a_signed_link_to_it()
    {
        var conversation = await app.OpenConversationAsync(await app.CreateChannelAsync());
        var png = TestImages.Png();

        var sent = await app.SendTextAsync(new SessionMessageInput(conversation.Id, "Your receipt") { Upload = new AttachmentUpload(png, "image/png", "C:\\fakepath\\receipt.png") });

        Assert.True(sent.Succeeded, sent.FirstMessage);
        var message = await app.WaitForMessageAsync(sent.Value, m => m.Dispatch == DispatchState.Accepted, "accepted");
        var media = Assert.Single(message.Media);
        Assert.Equal(("image/png", "receipt.png", (long?)png.Length, MediaState.Stored, (string?)null), (media.ContentType, media.FileName, media.Size, media.State, media.SourceUrl));
        Assert.Equal(png, await File.ReadAllBytesAsync(app.GetRequiredService<MediaStorage>().Resolve(media.StoragePath)!));

        var link = new Uri(Assert.Single(Assert.Single(app.SentTo(conversation)).MediaUrls));
        Assert.Equal(app.Url($"media/public/{media.Id}").AbsolutePath, link.AbsolutePath);
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        Assert.Equal(MediaLinkCheck.Valid, app.GetRequiredService<PublicMediaLinks>().Check(media.Id, long.Parse(query["expires"]!), query["sig"]));
    }

    public static TheoryData<string, byte[], string> Refused => new()
    {
        { "application/x-msdownload", [0x4D, 0x5A, 0x90], "WhatsApp does not accept files of type application/x-msdownload." },
        { "image/png", [.. "%PDF-1.7"u8], "The file's content is not image/png." },
        { "image/png", [], "The file is empty." },
        { "image/jpeg", [0xFF, 0xD8, 0xFF, .. new byte[5 * 1024 * 1024]], "The file is larger than 5 MB." },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task An_upload_outside_WhatsApps_types_and_sizes_is_refused_and_nothing_is_stored(string type, byte[] content, string message)
    {
        var conversation = await app.OpenConversationAsync(await app.CreateChannelAsync());

        var result = await app.SendTextAsync(new SessionMessageInput(conversation.Id, "A file") { Upload = new AttachmentUpload(content, type, "file") });

        Assert.Equal((nameof(SessionMessageInput.Upload), message), (result.Problems[0].Field, result.FirstMessage));
        await using var db = await app.CreateDbContextAsync();
        Assert.False(await db.Messages.AnyAsync(m => m.ConversationId == conversation.Id));
    }

    [Fact]
    public async Task Uploads_need_a_channel_that_lets_agents_send_files_and_one_file_per_message()
    {
        var forbidden = await app.OpenConversationAsync(await app.CreateChannelAsync(agentsCanSendAttachments: false));
        var allowed = await app.OpenConversationAsync(await app.CreateChannelAsync());
        var upload = new AttachmentUpload(TestImages.Png(), "image/png", "photo.png");

        var refused = await app.SendTextAsync(new SessionMessageInput(forbidden.Id, null) { Upload = upload });
        var two = await app.SendTextAsync(new SessionMessageInput(allowed.Id, null)
        {
            Upload = upload,
            Attachment = new OutgoingAttachment("https://files.example.com/a.pdf", "application/pdf"),
        });

        Assert.Equal("Agents cannot send attachments on this channel.", refused.FirstMessage);
        Assert.Equal("WhatsApp takes one file per message.", two.FirstMessage);
    }

    [Fact]
    public async Task The_composer_offers_the_conversations_language_templates_and_says_whether_files_may_be_attached()
    {
        var channel = await app.CreateChannelAsync(templates:
        [
            TestChannels.FollowUp,
            new("order_update", "Hi {{1}}, your order {{2}} ships on {{3}}."),
            new("follow_up", "Merhaba {{1}}, {{2}} numaralı talebiniz hakkında yazıyoruz.", Language: "tr"),
        ], agentsCanSendAttachments: false);
        var conversation = await app.OpenConversationAsync(channel);

        var options = (await app.WithServiceAsync((OutboundService s) => s.ComposerOptionsAsync(conversation.Id)))!;

        Assert.Equal("en", options.Language);
        Assert.Equal([("follow_up", 2), ("order_update", 3)], options.Templates.Select(t => (t.Name, t.VariableCount)));
        Assert.False(options.AgentsCanSendAttachments);
        Assert.Equal((5 * 1024 * 1024L, 16 * 1024 * 1024L), (options.MaxImageBytes, options.MaxFileBytes));
    }
}
