using System.Text;
using OmniWhatsApp.Web.Endpoints;

namespace OmniWhatsApp.Tests.Web.Endpoints;

public sealed class FormUtf8Tests
{
    [Theory]
    [InlineData("Body=hello+world&From=whatsapp%3A%2B447700900123", false)]
    [InlineData("Body=%C3%A7ok+g%C3%BCzel", false)]
    [InlineData("Body=%EF%BF%BD", false)]
    [InlineData("Body=100%25&Note=50%+off&Odd=%zz%", false)]
    [InlineData("", false)]
    [InlineData("Body=caf%E9", true)]
    [InlineData("B%FFdy=x", true)]
    [InlineData("Body=%C3", true)]
    [InlineData("Body=%ED%A0%80", true)]
    public void Finds_percent_encoded_bytes_that_are_not_UTF8(string body, bool invalid) =>
        Assert.Equal(invalid, FormUtf8.HasInvalidUtf8(Encoding.ASCII.GetBytes(body)));

    [Fact]
    public void Finds_raw_bytes_that_are_not_UTF8_and_accepts_raw_UTF8()
    {
        Assert.False(FormUtf8.HasInvalidUtf8(Encoding.UTF8.GetBytes("Body=Привет")));
        Assert.True(FormUtf8.HasInvalidUtf8([.. "Body=caf"u8, 0xE9]));
    }
}
