using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.Features;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.Tests.Features;

/// <summary>The view's cumulative depths cover the levels a strategy reads; best prices are always current.</summary>
public sealed class MarketViewBuilderTests
{
    private static DepthBook Book()
    {
        var book = new DepthBook(10);
        for (var i = 0; i < 6; i++)
        {
            book.Insert(Side.Buy, i, 1000 - i, 10 + i);  // bids 1000, 999... sizes 10, 11...
            book.Insert(Side.Sell, i, 1001 + i, 20 + i); // asks 1001, 1002... sizes 20, 21...
        }
        return book;
    }

    [Fact]
    public void Depths_are_cumulative_over_the_book_depth_and_repeat_past_the_last_level()
    {
        var builder = new MarketViewBuilder(Book(), depth: 8);
        builder.RefreshBook(bids: true, asks: true);
        var view = builder.View;
        Assert.Equal(1000L << 16, view.BestBid);
        Assert.Equal(1001L << 16, view.BestAsk);
        Assert.Equal((10L + 11 + 12) << 16, view.BidDepthOver(3));
        Assert.Equal((20L + 21 + 22 + 23 + 24 + 25) << 16, view.AskDepthOver(6));
        Assert.Equal(view.AskDepthOver(6), view.AskDepthOver(8)); // only 6 levels exist
    }

    [Fact]
    public void Levels_beyond_those_read_are_not_totalled_but_best_prices_are_current()
    {
        var builder = new MarketViewBuilder(Book(), depth: 10, levelsRead: 2);
        builder.RefreshBook(bids: true, asks: true);
        var view = builder.View;
        Assert.Equal((10L + 11) << 16, view.BidDepthOver(2));
        Assert.Equal((20L + 21) << 16, view.AskDepthOver(2));
        Assert.Equal(0, view.BidDepthOver(3)); // never written: the strategy does not read it

        var bestOnly = new MarketViewBuilder(Book(), depth: 10, levelsRead: 0);
        bestOnly.RefreshBook(bids: true, asks: true);
        Assert.Equal(1000L << 16, bestOnly.View.BestBid);
        Assert.Equal(1001L << 16, bestOnly.View.BestAsk);
        Assert.Equal(0, bestOnly.View.BidDepthOver(1));
    }
}
