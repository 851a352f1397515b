using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.Tests;

public sealed class ModelTests
{
    private static readonly Instrument Goog = Instrument.UsEquity("GOOG");

    [Theory]
    [InlineData("579.40", 57_940)]
    [InlineData("0.01", 1)]
    [InlineData("100", 10_000)]
    [InlineData("-0.05", -5)]
    public void Decimal_prices_on_the_grid_become_whole_ticks(string price, long ticks) =>
        Assert.Equal(new Price(ticks), Goog.ToPrice(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_price_between_ticks_is_refused_with_the_instrument_and_tick_size()
    {
        var error = Assert.Throws<ArgumentException>(() => Goog.ToPrice(579.405m));
        Assert.StartsWith("price 579.405 is not on the tick grid of GOOG (tick size 0.01)", error.Message);
        Assert.False(Goog.TryToPrice(579.405m, out _));
    }

    [Fact]
    public void Odd_tick_sizes_convert_exactly()
    {
        var future = new Instrument("ES", 0.25m, 1m, "USD");
        Assert.Equal(new Price(18_001), future.ToPrice(4500.25m));
        Assert.False(future.TryToPrice(4500.10m, out _));
        Assert.Equal(4500.25m, future.ToDecimal(new Price(18_001)));
    }

    [Fact]
    public void Sizes_must_be_whole_lots()
    {
        var roundLots = new Instrument("AAPL", 0.01m, 100m, "USD");
        Assert.Equal(new Quantity(3), roundLots.ToQuantity(300m));
        var error = Assert.Throws<ArgumentException>(() => roundLots.ToQuantity(150m));
        Assert.StartsWith("size 150 is not a whole number of lots of AAPL (lot size 100)", error.Message);
    }

    [Fact]
    public void Instrument_refuses_non_positive_tick_and_lot_sizes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Instrument("X", 0m, 1m, "USD"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Instrument("X", 0.01m, -1m, "USD"));
    }

    [Fact]
    public void Grid_scale_converts_scaled_integers_with_integer_arithmetic()
    {
        var cents = GridScale.Create(0.01m, 10_000); // LOBSTER: 100 units per tick
        Assert.Equal((100, 1), (cents.Numerator, cents.Denominator));
        Assert.True(cents.TryToSteps(5_794_000, out long ticks));
        Assert.Equal(57_940, ticks);
        Assert.False(cents.TryToSteps(5_777_750, out _));

        var fine = GridScale.Create(0.00005m, 10_000); // half a LOBSTER unit per tick
        Assert.Equal((1, 2), (fine.Numerator, fine.Denominator));
        Assert.True(fine.TryToSteps(3, out long fineTicks));
        Assert.Equal(6, fineTicks);
    }

    [Fact]
    public void Sub_tick_prices_become_q47_16_ticks_exactly_for_halves_and_rounded_once_otherwise()
    {
        var cents = GridScale.Create(0.01m, 10_000);
        Assert.Equal((57_777L << 16) + 32_768, cents.ToQ16Steps(5_777_750)); // midpoint: exact half tick
        Assert.Equal(57_940L << 16, cents.ToQ16Steps(5_794_000));
        Assert.Equal((57_940L << 16) + 655, cents.ToQ16Steps(5_794_001)); // 655.36 -> 655
        Assert.Equal(-((57_940L << 16) + 655), cents.ToQ16Steps(-5_794_001));

        var trade = TradeTick.AtQ16(1, 1, cents.ToQ16Steps(5_777_750), new Quantity(7), AggressorSide.Buyer, TradeKind.Hidden);
        Assert.Equal(new Price(57_777), trade.Price);
        Assert.Equal(32_768, trade.SubTicks);
        Assert.False(trade.IsOnTickGrid);
    }

    [Fact]
    public void Local_midnight_in_new_york_is_four_hours_after_utc_midnight_in_summer()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        long summer = UnixNanos.LocalMidnight(new DateOnly(2012, 6, 21), zone);
        long winter = UnixNanos.LocalMidnight(new DateOnly(2012, 12, 21), zone);
        Assert.Equal(1_340_251_200L * UnixNanos.PerSecond, summer);
        Assert.Equal(new DateTime(2012, 12, 21, 5, 0, 0, DateTimeKind.Utc), UnixNanos.ToDateTime(winter));
    }

    [Fact]
    public void Sides_and_aggressors()
    {
        Assert.Equal(Side.Sell, Side.Buy.Opposite());
        Assert.Equal(AggressorSide.Buyer, Side.Sell.AggressorAgainst()); // lifting a resting offer
        Assert.Equal(AggressorSide.Seller, Side.Buy.AggressorAgainst());
        Assert.False(Enum.IsDefined((Side)0)); // a default-initialised side is no side
    }
}
