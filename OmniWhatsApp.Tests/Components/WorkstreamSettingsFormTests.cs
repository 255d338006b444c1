using Bunit;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using OmniWhatsApp.Core.Workstreams;
using OmniWhatsApp.Tests.Infrastructure;
using OmniWhatsApp.Web.Components.Shared;

namespace OmniWhatsApp.Tests.Components;

/// <summary>The workstream's settings form keeps what the admin typed and says at the field what is allowed.</summary>
public sealed class WorkstreamSettingsFormTests : ComponentTest
{
    public WorkstreamSettingsFormTests() => Services.AddSingleton<IValidator<WorkstreamInput>>(new WorkstreamInputValidator(TestLocalizer.Strings));

    [Fact]
    public void Capacity_0_and_auto_close_1_are_kept_as_typed_refused_at_their_fields_and_not_submitted()
    {
        var model = new WorkstreamInput { Name = "Sales" };
        var submitted = 0;
        var form = Render<WorkstreamSettingsForm>(p => p
            .Add(f => f.Model, model)
            .Add(f => f.SubmitText, "Create workstream")
            .Add(f => f.OnSubmit, EventCallback.Factory.Create(this, () => submitted++)));

        form.Find("input[data-testid=workstream-capacity]").Change("0");
        form.Find("input[data-testid=workstream-autoclose]").Change("1");
        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.Equal("Capacity per conversation is a whole number from 1 to 100.", Mud.FieldMessage(form, "workstream-capacity")));
        Assert.Equal("Auto-close takes from 5 minutes to 30 days.", Mud.FieldMessage(form, "workstream-autoclose"));
        Assert.Equal("0", form.Find("input[data-testid=workstream-capacity]").GetAttribute("value"));
        Assert.Equal("1", form.Find("input[data-testid=workstream-autoclose]").GetAttribute("value"));
        Assert.Equal((0, 1), (model.CapacityPerConversation, model.AutoCloseAfterMinutes));
        Assert.Equal(0, submitted);
    }
}
