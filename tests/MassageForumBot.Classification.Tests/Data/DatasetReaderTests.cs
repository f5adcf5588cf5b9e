using System.Text;
using MassageForumBot.Classification.Data;
using MassageForumBot.Classification.Tests.Support;
using static MassageForumBot.Classification.Tests.Support.Rows;

namespace MassageForumBot.Classification.Tests.Data;

public sealed class DatasetReaderTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Reads_every_column_of_a_json_lines_file_and_records_the_location()
    {
        var path = _dir.WriteJsonLines("posts.jsonl",
            Json(" a-1 ", "Do you drape the glutes?", " glutes-draping ", " facebook ", " g1 "),
            Json("a-2", "Low back and glutes", "glutes-lowback", "discord"));

        var rows = DatasetReader.Read(path);

        Assert.Equal(2, rows.Count);
        Assert.Equal(new LabelledPost("a-1", "Do you drape the glutes?", "glutes-draping", "facebook", "g1") { Location = "posts.jsonl:1" }, rows[0]);
        // Without a group column, a row is its own group.
        Assert.Equal("a-2", rows[1].Group);
        Assert.Equal("posts.jsonl:2", rows[1].Location);
    }

    [Fact]
    public void Blank_lines_are_skipped_but_still_counted_for_locations()
    {
        var path = _dir.WriteText("gaps.jsonl", "\n   \n" + """{"id":"x","text":"t","label":"other","source":"s"}""" + "\n");

        var row = Assert.Single(DatasetReader.Read(path));

        Assert.Equal("gaps.jsonl:3", row.Location);
    }

    [Fact]
    public void Unknown_column_is_refused_naming_the_column_file_and_line()
    {
        var path = _dir.WriteJsonLines("bad.jsonl",
            Json("ok-1"),
            """{"id":"x-2","text":"t","label":"other","source":"s","colour":"red"}""");

        var e = Assert.Throws<DatasetException>(() => DatasetReader.Read(path));

        Assert.Contains("bad.jsonl:2", e.Message);
        Assert.Contains("unknown column", e.Message);
        Assert.Contains("'colour'", e.Message);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("text")]
    [InlineData("label")]
    [InlineData("source")]
    public void Missing_required_column_is_refused_naming_the_column_file_and_line(string column)
    {
        var row = new Dictionary<string, string> { ["id"] = "m-1", ["text"] = "t", ["label"] = "other", ["source"] = "s" };
        row.Remove(column);
        var path = _dir.WriteJsonLines("missing.jsonl", Json("ok-1"), Json("ok-2"), row);

        var e = Assert.Throws<DatasetException>(() => DatasetReader.Read(path));

        Assert.Contains("missing.jsonl:3", e.Message);
        Assert.Contains($"missing column '{column}'", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" \t\r\n ")]
    public void Empty_or_whitespace_text_is_refused_naming_the_id_file_and_line(string text)
    {
        var path = _dir.WriteJsonLines("empty.jsonl", Json("ok-1"), Json("blank-7", text));

        var e = Assert.Throws<DatasetException>(() => DatasetReader.Read(path));

        Assert.Contains("empty.jsonl:2", e.Message);
        Assert.Contains("empty text", e.Message);
        Assert.Contains("'blank-7'", e.Message);
    }

    [Fact]
    public void Empty_label_is_refused_with_id_and_location()
    {
        var path = _dir.WriteJsonLines("nolabel.jsonl", Json("l-1", "text", "  "));

        var e = Assert.Throws<DatasetException>(() => DatasetReader.Read(path));

        Assert.Contains("nolabel.jsonl:1", e.Message);
        Assert.Contains("empty label", e.Message);
        Assert.Contains("'l-1'", e.Message);
    }

    [Fact]
    public void Empty_id_is_refused_with_location()
    {
        var path = _dir.WriteJsonLines("noid.jsonl", Json("ok"), Json(" "));

        var e = Assert.Throws<DatasetException>(() => DatasetReader.Read(path));

        Assert.Contains("noid.jsonl:2", e.Message);
        Assert.Contains("empty id", e.Message);
    }

    [Theory]
    [InlineData("""["id","text"]""", "expected a JSON object")]
    [InlineData("\"just a string\"", "expected a JSON object")]
    [InlineData("42", "expected a JSON object")]
    [InlineData("{\"id\": \"x\", ", "not a JSON object")]
    [InlineData("id,text,label,source", "not a JSON object")]
    public void Line_that_is_not_a_json_object_is_refused_with_file_and_line(string line, string expected)
    {
        var path = _dir.WriteJsonLines("lines.jsonl", Json("ok-1"), Json("ok-2"), line);

        var e = Assert.Throws<DatasetException>(() => DatasetReader.Read(path));

        Assert.Contains("lines.jsonl:3", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Non_string_value_is_refused_naming_the_column()
    {
        var path = _dir.WriteJsonLines("types.jsonl", """{"id":"n-1","text":"t","label":"other","source":"s","group":7}""");

        var e = Assert.Throws<DatasetException>(() => DatasetReader.Read(path));

        Assert.Contains("types.jsonl:1", e.Message);
        Assert.Contains("'group' must be a string", e.Message);
    }

    [Fact]
    public void Duplicate_id_across_files_is_refused_naming_both_places()
    {
        _dir.WriteJsonLines("a.jsonl", Json("same-id"), Json("a-2"));
        _dir.WriteJsonLines("b.jsonl", Json("b-1"), Json("b-2"), Json(" same-id "));

        var e = Assert.Throws<DatasetException>(() => DatasetReader.Read(_dir.Path));

        Assert.Contains("duplicate id 'same-id'", e.Message);
        Assert.StartsWith("b.jsonl:3", e.Message);
        Assert.Contains("first at a.jsonl:1", e.Message);
    }

    [Fact]
    public void Duplicate_id_within_one_file_is_refused()
    {
        var path = _dir.WriteJsonLines("one.jsonl", Json("d"), Json("e"), Json("d"));

        var e = Assert.Throws<DatasetException>(() => DatasetReader.Read(path));

        Assert.Contains("one.jsonl:3", e.Message);
        Assert.Contains("first at one.jsonl:1", e.Message);
    }

    [Fact]
    public void Reads_tsv_with_header_escapes_and_optional_group()
    {
        var path = _dir.WriteText("posts.tsv",
            "id\ttext\tlabel\tsource\tgroup\n" +
            "t-1\tfirst line\\nsecond line\\tindented\tglutes-routine\tfacebook\tg-a\n" +
            "\n" +
            "t-2\tplain\tother\tdiscord\t\n");

        var rows = DatasetReader.Read(path);

        Assert.Equal(2, rows.Count);
        Assert.Equal(new LabelledPost("t-1", "first line\nsecond line\tindented", "glutes-routine", "facebook", "g-a") { Location = "posts.tsv:2" }, rows[0]);
        Assert.Equal("t-2", rows[1].Group);
        Assert.Equal("posts.tsv:4", rows[1].Location);
    }

    [Fact]
    public void Tsv_columns_may_come_in_any_order()
    {
        var path = _dir.WriteText("order.tsv", "label\tsource\ttext\tid\nother\tdiscord\thello there\tz-9\n");

        var row = Assert.Single(DatasetReader.Read(path));

        Assert.Equal(new LabelledPost("z-9", "hello there", "other", "discord", "z-9") { Location = "order.tsv:2" }, row);
    }

    [Fact]
    public void Tsv_row_with_wrong_cell_count_is_refused_with_location()
    {
        var path = _dir.WriteText("cells.tsv", "id\ttext\tlabel\tsource\nc-1\tok\tother\ts\nc-2\ttoo\tfew\n");

        var e = Assert.Throws<DatasetException>(() => DatasetReader.Read(path));

        Assert.Contains("cells.tsv:3", e.Message);
        Assert.Contains("3 cells, the header has 4", e.Message);
    }

    [Fact]
    public void Tsv_unknown_and_missing_columns_are_refused_with_location()
    {
        var unknown = _dir.WriteText("unknown.tsv", "id\ttext\tlabel\tsource\tmood\nu-1\tt\tother\ts\thappy\n");
        var missing = _dir.WriteText("missing.tsv", "id\ttext\tlabel\nm-1\tt\tother\n");

        var e1 = Assert.Throws<DatasetException>(() => DatasetReader.Read(unknown));
        var e2 = Assert.Throws<DatasetException>(() => DatasetReader.Read(missing));

        Assert.Contains("unknown.tsv:2", e1.Message);
        Assert.Contains("'mood'", e1.Message);
        Assert.Contains("missing.tsv:2", e2.Message);
        Assert.Contains("missing column 'source'", e2.Message);
    }

    [Fact]
    public void Empty_tsv_file_is_refused()
    {
        var path = _dir.WriteText("empty.tsv", "");

        var e = Assert.Throws<DatasetException>(() => DatasetReader.Read(path));

        Assert.Contains("empty.tsv:1", e.Message);
    }

    [Fact]
    public void Invalid_utf8_bytes_become_replacement_characters_instead_of_failing()
    {
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.UTF8.GetBytes("""{"id":"u-1","text":"bad """));
        bytes.AddRange([0xFF, 0xC3]); // a byte that is never UTF-8, then a lead byte with no continuation
        bytes.AddRange(Encoding.UTF8.GetBytes(""" bytes","label":"other","source":"s"}""" + "\n"));
        bytes.AddRange(Encoding.UTF8.GetBytes("""{"id":"u-2","text":"caf\u00e9 ok","label":"other","source":"s"}""" + "\n"));
        var path = _dir.WriteBytes("bytes.jsonl", [.. bytes]);

        var rows = DatasetReader.Read(path);

        Assert.Equal(2, rows.Count);
        Assert.StartsWith("bad ", rows[0].Text);
        Assert.EndsWith(" bytes", rows[0].Text);
        Assert.Contains('\uFFFD', rows[0].Text);
        Assert.Equal("café ok", rows[1].Text);
    }

    [Fact]
    public void Invalid_utf8_in_tsv_is_replaced_too()
    {
        var bytes = Encoding.UTF8.GetBytes("id\ttext\tlabel\tsource\nx-1\tbad ").Concat(new byte[] { 0xFE }).Concat(Encoding.UTF8.GetBytes(" end\tother\ts\n")).ToArray();
        var path = _dir.WriteBytes("bytes.tsv", bytes);

        var row = Assert.Single(DatasetReader.Read(path));

        Assert.Equal("bad \uFFFD end", row.Text);
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_first_line()
    {
        var bom = new byte[] { 0xEF, 0xBB, 0xBF };
        var jsonl = _dir.WriteBytes("bom.jsonl", [.. bom, .. Encoding.UTF8.GetBytes("""{"id":"b-1","text":"t","label":"other","source":"s"}""" + "\n")]);
        var tsv = _dir.WriteBytes("bom.tsv", [.. bom, .. Encoding.UTF8.GetBytes("id\ttext\tlabel\tsource\r\nb-2\tt\tother\ts\r\n")]);

        Assert.Equal("b-1", Assert.Single(DatasetReader.Read(jsonl)).Id);
        var row = Assert.Single(DatasetReader.Read(tsv));
        Assert.Equal("b-2", row.Id);
        Assert.Equal("s", row.Source);
    }

    [Fact]
    public void A_folder_is_read_file_by_file_in_ordinal_name_order_and_other_files_are_ignored()
    {
        _dir.WriteJsonLines("b.jsonl", Json("b-1"), Json("b-2"));
        _dir.WriteJsonLines("a.jsonl", Json("a-1"), Json("a-2"));
        _dir.WriteText("c.tsv", "id\ttext\tlabel\tsource\nc-1\tt\tother\ts\n");
        _dir.WriteText("B-upper.jsonl", """{"id":"B-1","text":"t","label":"other","source":"s"}""" + "\n");
        _dir.WriteText("notes.txt", "not data");
        _dir.WriteText("README.md", "# not data either");

        var rows = DatasetReader.Read(_dir.Path);

        Assert.Equal(["B-1", "a-1", "a-2", "b-1", "b-2", "c-1"], rows.Select(r => r.Id));
        Assert.Equal(["B-upper.jsonl:1", "a.jsonl:1", "a.jsonl:2", "b.jsonl:1", "b.jsonl:2", "c.tsv:2"], rows.Select(r => r.Location));
    }

    [Fact]
    public void A_folder_without_data_files_is_refused_naming_it()
    {
        _dir.WriteText("notes.txt", "nothing");

        var e = Assert.Throws<DatasetException>(() => DatasetReader.Read(_dir.Path));

        Assert.Contains(_dir.Path, e.Message);
        Assert.Contains("no .jsonl or .tsv", e.Message);
    }

    [Fact]
    public void A_missing_path_is_refused_naming_it()
    {
        var path = _dir.File("nope.jsonl");

        var e = Assert.Throws<DatasetException>(() => DatasetReader.Read(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("no such file", e.Message);
    }
}
