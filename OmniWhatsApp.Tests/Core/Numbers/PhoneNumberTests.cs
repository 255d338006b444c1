using OmniWhatsApp.Core.Numbers;

namespace OmniWhatsApp.Tests.Core.Numbers;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("+14155238886", "+14155238886")]
    [InlineData("whatsapp:+447700900123", "+447700900123")]
    [InlineData("WhatsApp:+447700900123", "+447700900123")]
    [InlineData("+1234567", "+1234567")]
    [InlineData("+123456789012345", "+123456789012345")]
    public void Accepts_E164_with_or_without_the_whatsapp_prefix(string text, string expected)
    {
        Assert.True(PhoneNumber.TryParse(text, out var number));
        Assert.Equal(expected, number.Value);
        Assert.Equal(expected, PhoneNumber.Parse(text).ToString());
    }

    [Theory]
    [InlineData("14155238886")]             // no plus
    [InlineData("+1 415 523 8886")]         // spaces
    [InlineData(" +14155238886")]
    [InlineData("+14155238886 ")]
    [InlineData("+14155238886\n")]          // a pasted line ending
    [InlineData("+1415ABC8886")]            // letters
    [InlineData("+1234567890123456")]       // 16 digits: longer than E.164 allows
    [InlineData("+123456")]                 // too short
    [InlineData("+04155238886")]            // country codes do not start with 0
    [InlineData("+")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("whatsapp:14155238886")]    // prefix, but no plus
    [InlineData("whatsapp:")]
    [InlineData("tel:+14155238886")]
    public void Rejects_anything_that_is_not_E164(string? text)
    {
        Assert.False(PhoneNumber.TryParse(text, out _));
        Assert.False(PhoneNumber.IsValidE164(text));
        if (text is not null) Assert.Throws<FormatException>(() => PhoneNumber.Parse(text));
    }

    [Fact]
    public void Plain_validation_does_not_accept_the_whatsapp_prefix()
    {
        // Stored numbers are bare E.164; only TryParse/Parse strip Twilio's address prefix.
        Assert.False(PhoneNumber.IsValidE164("whatsapp:+14155238886"));
    }

    [Fact]
    public void Knows_its_Twilio_address_and_WhatsApp_id()
    {
        var number = PhoneNumber.Parse("whatsapp:+14155238886");

        Assert.Equal("whatsapp:+14155238886", number.WhatsAppAddress);
        Assert.Equal("14155238886", number.WaId);
    }

    [Fact]
    public void Equal_numbers_are_equal_whichever_form_they_came_in()
    {
        Assert.Equal(PhoneNumber.Parse("+447700900123"), PhoneNumber.Parse("whatsapp:+447700900123"));
    }
}
