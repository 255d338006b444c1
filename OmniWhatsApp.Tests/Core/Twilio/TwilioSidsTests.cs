using OmniWhatsApp.Core.Twilio;

namespace OmniWhatsApp.Tests.Core.Twilio;

public sealed class TwilioSidsTests
{
    private const string Hex32 = "0e5a7d1c9b3f48e6a2d4c8b1f7e3a9d5";

    [Theory]
    [InlineData("AC" + Hex32)]
    [InlineData("AC0E5A7D1C9B3F48E6A2D4C8B1F7E3A9D5")]
    public void Account_SID_is_AC_and_32_hex_digits(string sid) => Assert.True(TwilioSids.IsAccountSid(sid));

    [Theory]
    [InlineData("AC0e5a7d1c9b3f48e6a2d4c8b1f7e3a9d")]      // 31 digits
    [InlineData("AC0e5a7d1c9b3f48e6a2d4c8b1f7e3a9d51")]    // 33 digits
    [InlineData("ac" + Hex32)]                             // prefix is upper case
    [InlineData("AC0e5a7d1c9b3f48e6a2d4c8b1f7e3a9zz")]     // not hex
    [InlineData("HX" + Hex32)]                             // another kind of SID
    [InlineData(Hex32)]
    [InlineData(" AC" + Hex32)]
    [InlineData("AC" + Hex32 + "\n")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_an_Account_SID(string? sid) => Assert.False(TwilioSids.IsAccountSid(sid));

    [Theory]
    [InlineData(Hex32)]
    [InlineData("7C3E9A1F5B2D8E4A6C0F9B3D7E1A5C2F")]
    public void Auth_token_is_32_hex_digits(string token) => Assert.True(TwilioSids.IsAuthToken(token));

    [Theory]
    [InlineData("7c3e9a1f5b2d8e4a6c0f9b3d7e1a5c2")]       // 31
    [InlineData("7c3e9a1f5b2d8e4a6c0f9b3d7e1a5c2f0")]     // 33
    [InlineData("7c3e9a1f5b2d8e4a6c0f9b3d7e1a5c2g")]      // not hex
    [InlineData("7c3e9a1f-5b2d-8e4a-6c0f-9b3d7e1a5c2f")]  // a GUID's dashes
    [InlineData(Hex32 + "\n")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_an_auth_token(string? token) => Assert.False(TwilioSids.IsAuthToken(token));

    [Theory]
    [InlineData("HX" + Hex32, true)]
    [InlineData("HX0e5a7d1c9b3f48e6a2d4c8b1f7e3a9d", false)]
    [InlineData("AC" + Hex32, false)]
    [InlineData("hx" + Hex32, false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Content_SID_is_HX_and_32_hex_digits(string? sid, bool expected) => Assert.Equal(expected, TwilioSids.IsContentSid(sid));

    [Theory]
    [InlineData("SM" + Hex32, true)]
    [InlineData("MM" + Hex32, true)]
    [InlineData("AC" + Hex32, false)]
    public void Message_SID_is_SM_or_MM_and_32_hex_digits(string sid, bool expected) => Assert.Equal(expected, TwilioSids.IsMessageSid(sid));

    [Fact]
    public void New_SIDs_have_Twilios_shape()
    {
        Assert.True(TwilioSids.IsContentSid(TwilioSids.New("HX")));
        Assert.True(TwilioSids.IsAccountSid(TwilioSids.New("AC")));
        Assert.NotEqual(TwilioSids.New("SM"), TwilioSids.New("SM"));
    }
}
