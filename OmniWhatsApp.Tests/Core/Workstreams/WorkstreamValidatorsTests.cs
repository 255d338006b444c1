using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Tests.Infrastructure;

namespace OmniWhatsApp.Tests.Core.Workstreams;

public sealed class TemplateInputValidatorTests
{
    private readonly TemplateInputValidator validator = new(TestLocalizer.Strings);

    private static TemplateInput Valid() => new() { Name = "order_update", Language = "en", Body = "Hi {{1}}, your order {{2}} is on its way." };

    [Fact]
    public void Well_formed_template_passes()
    {
        Assert.True(validator.Validate(Valid()).IsValid);
    }

    [Fact]
    public void Name_is_required()
    {
        var input = Valid();
        input.Name = "";

        Assert.Contains("Enter the template's name.", validator.Validate(input).MessagesFor(nameof(TemplateInput.Name)));
    }

    [Theory]
    [InlineData("Order update")]
    [InlineData("Order_Update")]
    [InlineData("order-update")]
    public void Name_uses_WhatsApps_characters(string name)
    {
        var input = Valid();
        input.Name = name;

        Assert.Equal(["Template names use lowercase letters, digits and underscores, as WhatsApp requires."],
            validator.Validate(input).MessagesFor(nameof(TemplateInput.Name)));
    }

    [Theory]
    [InlineData("xx")]
    [InlineData("")]
    [InlineData("EN")]
    public void Language_must_be_a_known_WhatsApp_language(string language)
    {
        var input = Valid();
        input.Language = language;

        Assert.Equal(["Choose a language."], validator.Validate(input).MessagesFor(nameof(TemplateInput.Language)));
    }

    [Fact]
    public void Body_is_required_and_at_most_1024_characters()
    {
        var input = Valid();
        input.Body = "";
        Assert.Contains("Enter the approved text.", validator.Validate(input).MessagesFor(nameof(TemplateInput.Body)));

        input.Body = new string('a', TemplateInputValidator.MaxBodyLength);
        Assert.True(validator.Validate(input).IsValid);

        input.Body += "a";
        Assert.Equal(["Use at most 1024 characters."], validator.Validate(input).MessagesFor(nameof(TemplateInput.Body)));
    }

    [Theory]
    [InlineData("Hi {{name}}", "'{{name}}' is not a placeholder: use {{1}}, {{2}} and so on.")]
    [InlineData("Hi {{0}}", "'{{0}}' is not a placeholder: use {{1}}, {{2}} and so on.")]
    [InlineData("Hi {{1}} and {{3}}", "Placeholders are numbered from {{1}} without gaps; {{2}} is missing.")]
    [InlineData("Hi {{101}}", "A template can have at most 100 placeholders.")]
    public void Body_placeholder_problems_are_explained(string body, string message)
    {
        var input = Valid();
        input.Body = body;

        Assert.Equal([message], validator.Validate(input).MessagesFor(nameof(TemplateInput.Body)));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("   ", true)]
    [InlineData("HX0e5a7d1c9b3f48e6a2d4c8b1f7e3a9d5", true)]
    [InlineData(" HX0e5a7d1c9b3f48e6a2d4c8b1f7e3a9d5 ", true)]
    [InlineData("HX123", false)]
    [InlineData("AC0e5a7d1c9b3f48e6a2d4c8b1f7e3a9d5", false)]
    public void Content_SID_is_optional_but_must_be_HX_shaped(string? sid, bool valid)
    {
        var input = Valid();
        input.ContentSid = sid;

        var messages = validator.Validate(input).MessagesFor(nameof(TemplateInput.ContentSid));
        Assert.Equal(valid ? [] : ["A Content SID is HX followed by 32 hexadecimal characters."], messages);
    }
}

public sealed class BehavioursValidatorTests
{
    private readonly BehavioursValidator validator = new(TestLocalizer.Strings);

    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(validator.Validate(new Behaviours()).IsValid);
    }

    [Fact]
    public void Survey_switched_on_needs_its_text()
    {
        var result = validator.Validate(new Behaviours { SurveyEnabled = true });
        Assert.Equal(["Enter the survey text or link, or turn the survey off."], result.MessagesFor(nameof(Behaviours.SurveyText)));

        Assert.True(validator.Validate(new Behaviours { SurveyEnabled = true, SurveyText = "https://example.com/survey" }).IsValid);
    }

    [Fact]
    public void Business_hours_need_both_ends()
    {
        var result = validator.Validate(new Behaviours { BusinessHoursStart = new TimeOnly(9, 0) });

        Assert.Equal(["Enter when business hours end."], result.MessagesFor(nameof(Behaviours.BusinessHoursEnd)));
    }

    [Fact]
    public void Outside_hours_message_needs_business_hours()
    {
        var result = validator.Validate(new Behaviours { OutsideBusinessHoursMessage = "We are closed." });

        Assert.Equal(["Enter when business hours start."], result.MessagesFor(nameof(Behaviours.BusinessHoursStart)));
        Assert.Equal(["Enter when business hours end."], result.MessagesFor(nameof(Behaviours.BusinessHoursEnd)));
    }

    [Fact]
    public void Business_hours_cannot_start_and_end_at_the_same_time()
    {
        var result = validator.Validate(new Behaviours { BusinessHoursStart = new TimeOnly(9, 0), BusinessHoursEnd = new TimeOnly(9, 0) });

        Assert.Equal(["Business hours cannot start and end at the same time."], result.MessagesFor(nameof(Behaviours.BusinessHoursEnd)));
    }

    [Fact]
    public void Business_hours_need_a_business_day()
    {
        var result = validator.Validate(new Behaviours
        {
            BusinessHoursStart = new TimeOnly(9, 0), BusinessHoursEnd = new TimeOnly(17, 0), BusinessDays = BusinessDays.None,
        });

        Assert.Equal(["Choose at least one business day."], result.MessagesFor(nameof(Behaviours.BusinessDays)));
    }

    [Fact]
    public void Night_shift_hours_that_cross_midnight_are_allowed()
    {
        Assert.True(validator.Validate(new Behaviours { BusinessHoursStart = new TimeOnly(22, 0), BusinessHoursEnd = new TimeOnly(6, 0) }).IsValid);
    }

    [Theory]
    [InlineData("UTC", true)]
    [InlineData("Europe/Istanbul", true)]
    [InlineData("Mars/Olympus_Mons", false)]
    [InlineData("", false)]
    public void Time_zone_must_be_known(string zone, bool valid)
    {
        var messages = validator.Validate(new Behaviours { TimeZoneId = zone }).MessagesFor(nameof(Behaviours.TimeZoneId));

        Assert.Equal(valid ? [] : ["Choose a known time zone."], messages);
    }

    [Fact]
    public void Attachment_permissions_need_attachments_switched_on()
    {
        var result = validator.Validate(new Behaviours { CustomersCanSendAttachments = true });

        Assert.Equal(["Turn file attachments on to let customers or agents send them."], result.MessagesFor(nameof(Behaviours.AttachmentsEnabled)));
    }

    [Fact]
    public void Attachments_switched_on_need_someone_who_may_send_them()
    {
        var result = validator.Validate(new Behaviours { AttachmentsEnabled = true });
        Assert.Equal(["With attachments on, let customers, agents or both send them."], result.MessagesFor(nameof(Behaviours.CustomersCanSendAttachments)));

        Assert.True(validator.Validate(new Behaviours { AttachmentsEnabled = true, AgentsCanSendAttachments = true }).IsValid);
        Assert.True(validator.Validate(new Behaviours { AttachmentsEnabled = true, CustomersCanSendAttachments = true }).IsValid);
    }

    [Fact]
    public void Automatic_messages_are_at_most_1600_characters()
    {
        Assert.True(validator.Validate(new Behaviours { GreetingMessage = new string('g', 1600) }).IsValid);

        var result = validator.Validate(new Behaviours { GreetingMessage = new string('g', 1601) });
        Assert.Equal(["Use at most 1600 characters."], result.MessagesFor(nameof(Behaviours.GreetingMessage)));
    }
}

public sealed class WhatsAppSetupValidatorTests
{
    private readonly WhatsAppSetupValidator validator = new(TestLocalizer.Strings);

    [Fact]
    public void A_setup_without_a_fallback_queue_is_refused_at_the_fallback_queue()
    {
        var result = validator.Validate(new WhatsAppSetupInput { NumberId = 1, Language = "en" });

        Assert.Equal(["Choose a fallback queue for conversations no rule matches."], result.MessagesFor(nameof(WhatsAppSetupInput.FallbackQueueId)));
    }

    [Fact]
    public void Two_templates_that_differ_only_by_surrounding_whitespace_are_duplicates()
    {
        var input = new WhatsAppSetupInput
        {
            NumberId = 1,
            Templates =
            [
                new TemplateInput { Name = "greeting", Language = "en", Body = "Hello" },
                new TemplateInput { Name = "greeting\n", Language = "en", Body = "Hello again" },
            ],
        };

        Assert.Contains("Two templates have the same name and language.", validator.Validate(input).MessagesFor(nameof(WhatsAppSetupInput.Templates)));
    }

    private static WhatsAppSetupInput WithAutomatedTemplates(string? closed, string? survey) => new()
    {
        NumberId = 1,
        FallbackQueueId = 1,
        Language = "en",
        Behaviours = new Behaviours
        {
            ConversationClosedMessage = "This conversation is closed.",
            ConversationClosedTemplate = closed,
            SurveyEnabled = true,
            SurveyText = "How did we do?",
            SurveyTemplate = survey,
        },
        Templates =
        [
            new TemplateInput { Name = "closed_thanks", Language = "en", Body = "Thank you for contacting us." },
            new TemplateInput { Name = "survey_link", Language = "en", Body = "Tell us how we did: https://example.com/s" },
            new TemplateInput { Name = "order_update", Language = "en", Body = "Your order {{1}} has shipped." },
            new TemplateInput { Name = "closed_thanks_de", Language = "de", Body = "Danke." },
        ],
    };

    [Fact]
    public void A_template_without_placeholders_in_the_channel_s_language_can_replace_the_closing_message_and_the_survey()
    {
        var input = WithAutomatedTemplates("closed_thanks", "survey_link");

        Assert.True(validator.Validate(input).IsValid);
        Assert.Equal(["closed_thanks", "survey_link"], WhatsAppSetupValidator.AutomatedTemplateChoices(input).Select(t => t.Name));
    }

    [Fact]
    public void A_template_with_placeholders_is_refused_for_the_survey_because_nobody_would_fill_them_in()
    {
        var result = validator.Validate(WithAutomatedTemplates(null, "order_update"));

        Assert.Equal(["Template order_update has placeholders ({{1}}…) that nobody would fill in: the system can send only a template without placeholders."],
            result.MessagesFor("Behaviours.SurveyTemplate"));
    }

    [Theory]
    [InlineData("no_such_template")]
    [InlineData("closed_thanks_de")] // a template of the workstream, but not in the channel's language
    public void A_template_that_is_not_one_of_the_setup_s_is_refused_for_the_closing_message(string name)
    {
        // Also what happens when the chosen template is removed in the Templates step: Finish says so.
        var result = validator.Validate(WithAutomatedTemplates(name, null));

        Assert.Equal([$"Template {name} is not one of this channel's templates in English (en): choose another or Nothing."],
            result.MessagesFor("Behaviours.ConversationClosedTemplate"));
    }

    [Fact]
    public void A_closing_template_without_a_closing_message_is_refused_at_the_field()
    {
        var input = WithAutomatedTemplates("closed_thanks", null);
        input.Behaviours.ConversationClosedMessage = null;

        Assert.Equal(["Write the closing message too: the template is sent in its place when the window is closed."],
            validator.Validate(input).MessagesFor("Behaviours.ConversationClosedTemplate"));
    }
}
