namespace MassageForumBot.Replies.Tests;

public class SourceLinksTests
{
    [Theory]
    [InlineData("Cooper NA, Scavo KM, Strickland KJ, et al. (2016) Prevalence. Eur Spine J 25(4):1258-65. doi:10.1007/s00586-015-4027-6 (cross-sectional)", "Cooper et al. 2016", "https://doi.org/10.1007/s00586-015-4027-6")]
    [InlineData("Weppler CH, Magnusson SP (2010) Phys Ther 90(3):438-49. doi:10.2522/ptj.20090012 (narrative review)", "Weppler and Magnusson 2010", "https://doi.org/10.2522/ptj.20090012")]
    [InlineData("Herrington L (2011) Man Ther 16(6):646-8. doi:10.1016/j.math.2011.04.006.", "Herrington 2011", "https://doi.org/10.1016/j.math.2011.04.006")]
    [InlineData("de Sousa CS, de Jesus FLA, et al. (2019) J 19(1):69-78. PMID 30839305. https://pubmed.ncbi.nlm.nih.gov/30839305/ (SR)", "de Sousa et al. 2019", "https://pubmed.ncbi.nlm.nih.gov/30839305/")]
    [InlineData("Baradaran Mahdavi S, et al. (2021) Health Promot Perspect. doi:10.34172/hpp.2021.50", "Baradaran Mahdavi et al. 2021", "https://doi.org/10.34172/hpp.2021.50")]
    [InlineData("Florida: Fla. Admin. Code 64B7-23.011 (2022) (regulation) https://www.law.cornell.edu/regulations/florida/x", "Florida: Fla. Admin. Code 64B7-23.011", "https://www.law.cornell.edu/regulations/florida/x")]
    [InlineData("Dutch KNGF low back pain guideline (2021), section C.4.2 https://www.kngf.nl/a", "Dutch KNGF low back pain guideline", "https://www.kngf.nl/a")]
    public void A_citation_becomes_a_short_label_and_an_https_link(string citation, string label, string link)
    {
        var source = SourceLinks.For(citation);

        Assert.NotNull(source);
        Assert.Equal(label, source.Label);
        Assert.Equal(link, source.Link.AbsoluteUri);
    }

    [Theory]
    [InlineData("Author A (2020) Journal 1:2. PMID 30839305")]
    [InlineData("Author A (2020) Journal. http://example.org/only-http")]
    [InlineData("Author A (2020) Journal. https://127.0.0.1:5080/notes/x")]
    [InlineData("Author A (2020) Journal. https://intranet/paper")]
    [InlineData("Author A (2020) Journal. doi:10.99/short")]
    [InlineData("")]
    public void A_citation_without_a_doi_or_public_https_url_has_no_link(string citation)
    {
        Assert.Null(SourceLinks.For(citation));
    }

    [Fact]
    public void Every_shipped_source_has_a_link_members_can_open()
    {
        foreach (var note in TestPaths.Shipped.Notes)
        {
            Assert.All(note.Sources, s => Assert.NotNull(SourceLinks.LinkFor(s)));
            Assert.NotEmpty(note.KeyPoints);
        }
    }
}
