using Arbiter.Application;

namespace Arbiter.Tests;

/// <summary>What an uploader called a file is shown to others: it cannot hide its type, move folders or break a page.</summary>
public sealed class FileNameTests
{
    [Theory]
    [InlineData("photo.png", "photo.png")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\ana\\Desktop\\receipt.pdf", "receipt.pdf")]
    [InlineData("invoice\u202Efdp.exe", "invoicefdp.exe")]
    [InlineData("a\u0000b\r\nc.png", "ab c.png")]
    [InlineData("zero\u200Bwidth.png", "zerowidth.png")]
    [InlineData("  many   spaces .png ", "many spaces .png")]
    [InlineData("Фото посылки.jpg", "Фото посылки.jpg")]
    [InlineData("破损照片.png", "破损照片.png")]
    [InlineData("...", "evidence")]
    [InlineData("\u202E", "evidence")]
    [InlineData(null, "evidence")]
    public void A_file_name_is_cleaned_for_display_and_download(string? given, string shown) => Assert.Equal(shown, FileNames.Clean(given));

    [Fact]
    public void A_long_name_is_cut_without_splitting_a_character()
    {
        var name = FileNames.Clean(new string('a', 199) + "😀😀.png");

        Assert.Equal(FileNames.MaxLength - 1, name.Length);
        Assert.False(char.IsHighSurrogate(name[^1]));
    }
}
