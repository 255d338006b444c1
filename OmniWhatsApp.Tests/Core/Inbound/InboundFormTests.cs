using OmniWhatsApp.Core.Inbound;
using OmniWhatsApp.Core.Twilio;

namespace OmniWhatsApp.Tests.Core.Inbound;

/// <summary>Reading what a customer sends beyond text from Twilio's fields: a button or list choice, a quoted message.</summary>
public sealed class InboundFormTests
{
    [Fact]
    public void A_quick_reply_tap_is_a_choice_with_its_payload_and_the_button_text()
    {
        var form = Form(("MessageType", "button"), ("Body", "Billing"), ("ButtonText", "Billing"), ("ButtonPayload", "billing"));

        var (message, problem) = InboundForm.Parse(form);

        Assert.Null(problem);
        Assert.Equal(new InboundChoice("billing", "Billing", FromList: false), message!.Choice);
        Assert.Null(message.QuotedSid);
    }

    [Fact]
    public void A_list_row_is_a_choice_with_its_id_and_title()
    {
        var (message, problem) = InboundForm.Parse(Form(("MessageType", "interactive"), ("ListId", "refund-42"), ("ListTitle", "Refund my order")));

        Assert.Null(problem);
        Assert.Equal(new InboundChoice("refund-42", "Refund my order", FromList: true), message!.Choice);
    }

    [Fact]
    public void A_button_without_a_payload_keeps_its_text_and_a_payload_without_text_stands_for_its_title()
    {
        Assert.Equal(new InboundChoice(null, "Yes", false), InboundForm.Parse(Form(("ButtonText", "Yes"))).Message!.Choice);
        Assert.Equal(new InboundChoice("YES_1", "YES_1", false), InboundForm.Parse(Form(("ButtonPayload", " YES_1 "))).Message!.Choice);
        Assert.Null(InboundForm.Parse(Form(("ButtonPayload", "  "), ("ButtonText", ""))).Message!.Choice);
    }

    [Fact]
    public void A_plain_text_has_no_choice_and_no_quote()
    {
        var (message, _) = InboundForm.Parse(Form(("Body", "hello")));

        Assert.Null(message!.Choice);
        Assert.Null(message.QuotedSid);
    }

    [Fact]
    public void A_quoted_reply_keeps_the_quoted_message_sid()
    {
        var quoted = TwilioSids.New("SM");

        var (message, problem) = InboundForm.Parse(Form(("Body", "this one"), ("OriginalRepliedMessageSid", quoted), ("OriginalRepliedMessageSender", "whatsapp:+14155238886")));

        Assert.Null(problem);
        Assert.Equal(quoted, message!.QuotedSid);
    }

    [Theory]
    [InlineData("OriginalRepliedMessageSid", "SM123", "OriginalRepliedMessageSid is not a Twilio message SID")]
    [InlineData("OriginalRepliedMessageSid", "", "OriginalRepliedMessageSid is not a Twilio message SID")]
    [InlineData("ButtonPayload", "bill\ning", "A button or list field has control characters")]
    [InlineData("ListTitle", "Refund\u0007", "A button or list field has control characters")]
    public void A_bad_field_is_refused_with_its_reason(string field, string value, string reason)
    {
        var (message, problem) = InboundForm.Parse(Form((field, value)));

        Assert.Null(message);
        Assert.Equal(reason, problem!.Reason);
    }

    [Fact]
    public void A_button_and_a_list_row_at_once_are_refused()
    {
        var (message, problem) = InboundForm.Parse(Form(("ButtonPayload", "billing"), ("ListId", "refund")));

        Assert.Null(message);
        Assert.Equal("ButtonPayload/ButtonText and ListId/ListTitle name two choices at once", problem!.Reason);
    }

    [Fact]
    public void A_payload_standing_in_for_a_long_missing_title_is_refused_rather_than_cut()
    {
        var (message, problem) = InboundForm.Parse(Form(("ListId", new string('x', 300))));

        Assert.Null(message);
        Assert.Equal($"The choice's title is longer than {InboundForm.MaxChoiceTitleLength} characters", problem!.Reason);
    }

    private static Dictionary<string, string> Form(params (string Field, string Value)[] fields)
    {
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = TwilioSids.New("SM"),
            ["AccountSid"] = "AC" + new string('a', 32),
            ["From"] = "whatsapp:+905321234567",
            ["To"] = "whatsapp:+14155238886",
            ["NumMedia"] = "0",
        };
        foreach (var (field, value) in fields) form[field] = value;
        return form;
    }
}
