namespace OmniWhatsApp.Core.Localization;

/// <summary>
/// Marker for the product's one string table (<c>Strings.resx</c>). Keys are the English text, so a page reads
/// naturally; a test checks that every key the code asks for is in the table.
/// </summary>
public sealed class Strings;
