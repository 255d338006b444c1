using OmniWhatsApp.Core.Messages;

namespace OmniWhatsApp.Tests.Core.Messages;

/// <summary>The name and number of a shared contact card, as phones write them.</summary>
public sealed class VCardTests
{
    [Fact]
    public void WhatsApp_card_gives_its_formatted_name_and_first_number()
    {
        const string card = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Yılmaz;Ayşe;;;\r\nFN:Ayşe Yılmaz\r\nitem1.TEL;waid=905321234567:+90 532 123 45 67\r\n" +
                            "item1.X-ABLabel:Mobile\r\nTEL;type=HOME:+90 212 000 00 00\r\nEND:VCARD\r\n";

        Assert.Equal(new VCardContact("Ayşe Yılmaz", "+90 532 123 45 67"), VCard.Read(card));
    }

    [Fact]
    public void Without_FN_the_structured_name_is_used_and_folded_lines_and_escapes_are_undone()
    {
        const string card = "BEGIN:VCARD\nVERSION:4.0\nN:Петров;Иван;;Др.;\nTEL;VALUE=uri;TYPE=cell:tel:+7-495-\n 123-45-67\nNOTE:a\\, b\nEND:VCARD";

        Assert.Equal(new VCardContact("Др. Иван Петров", "+7-495-123-45-67"), VCard.Read(card));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a card at all")]
    [InlineData("BEGIN:VCARD\r\nFN:\r\nEND:VCARD")]
    public void A_card_it_cannot_read_gives_no_name_and_no_number(string text)
    {
        Assert.Equal(new VCardContact(null, null), VCard.Read(text));
    }

    [Fact]
    public void Long_values_are_cut_to_what_the_message_keeps()
    {
        var contact = VCard.Read($"FN:{new string('a', 500)}\nTEL:{new string('1', 100)}");

        Assert.Equal(VCardContact.MaxNameLength, contact.Name!.Length);
        Assert.Equal(VCardContact.MaxPhoneLength, contact.Phone!.Length);
    }
}
