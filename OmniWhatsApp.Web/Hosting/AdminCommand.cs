using OmniWhatsApp.Core.Users;

namespace OmniWhatsApp.Web.Hosting;

/// <summary>
/// The explicit step that creates an admin in Production, where nothing is seeded:
/// <c>create-admin &lt;email&gt; [display name]</c>, with the password read from standard input so it never
/// lands in the shell history or the process list.
/// </summary>
public static class AdminCommand
{
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0] != "create-admin") return false;
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: create-admin <email> [display name]   (password on standard input)");
            Environment.ExitCode = 2;
            return true;
        }

        await app.Services.InitializeDatabaseAsync(app.Environment);
        var password = Console.IsInputRedirected ? Console.In.ReadLine() : ReadHidden("Password: ");
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserService>();
        var result = await users.CreateAsync(new UserInput
        {
            Email = args[1],
            DisplayName = args.Length > 2 ? string.Join(' ', args[2..]) : args[1],
            Role = Roles.Admin,
            Capacity = 1,
            Password = password,
        });
        if (result.Succeeded)
        {
            Console.WriteLine($"Admin {args[1]} created.");
            return true;
        }
        foreach (var problem in result.Problems) Console.Error.WriteLine($"{problem.Field}: {problem.Message}".TrimStart(':', ' '));
        Environment.ExitCode = 1;
        return true;
    }

    private static string ReadHidden(string prompt)
    {
        Console.Write(prompt);
        var text = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (text.Length > 0) text.Length--; continue; }
            text.Append(key.KeyChar);
        }
        Console.WriteLine();
        return text.ToString();
    }
}
