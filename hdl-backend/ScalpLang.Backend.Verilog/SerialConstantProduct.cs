using System.Numerics;
using static ScalpLang.Backend.Verilog.VerilogText;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// x·c for a constant c, as <see cref="ConstantProduct"/>'s canonical signed digits but added over
/// the fold (hdl-backend/README.md, "The evaluation over the interval"): each cycle takes r digit
/// positions, least significant first, adding ±x or nothing to the partial product's high part and
/// shifting its lowest bit into the low part, so one adder per position a cycle serves every digit
/// instead of one adder per digit. x must hold from the load until the last step (a value held at
/// stage 1). The digits are localparam bit masks indexed by the position counter.
///
/// Why exact: with S_p = hi·2^p + lo (lo holding p bits) = x times c's digits below p, a position
/// adds d_p·x to hi and keeps t mod 2 below and floor(t / 2) above, so S_(p+1) = S_p + d_p·x·2^p.
/// |hi| &lt;= |x| (the digits below p weigh less than 2^p) and |t| &lt;= 2|x|, so xWidth + 2 signed bits
/// hold them; after the last position {hi, lo} is x·c, which fits the product's range.
/// </summary>
internal static class SerialConstantProduct
{
    /// <summary>Digit positions of c: its highest digit's shift + 1.</summary>
    public static int Positions(BigInteger c) => ConstantProduct.Digits(c) is { IsEmpty: false } d ? d[^1].Shift + 1 : 1;

    /// <summary>
    /// Writes wire <paramref name="name"/> = x·c, loaded in the cycle after <paramref name="before"/> is
    /// high (its own register of it) and exact after <paramref name="steps"/> more cycles of
    /// <paramref name="perStep"/> positions.
    /// </summary>
    public static ConstantProduct.Product Write(Action<string> line, string name, string x, int xWidth, BigInteger lo, BigInteger hi, BigInteger c,
        string before, int perStep, int steps)
    {
        var range = ConstantProduct.Times(lo, hi, c);
        var width = range.SignedWidth;
        var positions = perStep * steps;
        if (positions < Positions(c))
            throw new ArgumentOutOfRangeException(nameof(steps), $"{perStep} positions a step for {steps} steps cover fewer than {Positions(c)}");
        var digits = ConstantProduct.Digits(c);
        var plus = BigInteger.Zero;
        var minus = BigInteger.Zero;
        foreach (var d in digits)
        {
            if (d.Sign > 0)
                plus |= BigInteger.One << d.Shift;
            else
                minus |= BigInteger.One << d.Shift;
        }
        var hw = xWidth + 2;
        var pb = Math.Max(1, (int)new BigInteger(positions - 1).GetBitLength());   // a position index; past the last one it wraps, unread
        var lb = Math.Max(1, 32 - int.LeadingZeroCount(steps));
        var start = $"{name}_load";
        line($"// {name} = {x} * {c} ({ConstantProduct.Describe(c)}) over {steps} cycles after the load: {perStep} digit position{(perStep == 1 ? "" : "s")} a cycle,");
        line($"// least significant first (SerialConstantProduct); {x} holds until the last step.");
        line($"localparam [{positions - 1}:0] {name}_plus = {positions}'h{plus.ToString("x", System.Globalization.CultureInfo.InvariantCulture)};   // positions of +1 digits");
        line($"localparam [{positions - 1}:0] {name}_minus = {positions}'h{minus.ToString("x", System.Globalization.CultureInfo.InvariantCulture)};   // positions of -1 digits");
        line($"reg        {start};   // the cycle after {before}: {x} is the one to multiply");
        line($"always @(posedge clk) {start} <= !rst && {before};");
        line($"reg [{lb - 1}:0]  {name}_left;   // steps still to run");
        line($"reg [{pb - 1}:0]  {name}_at;     // the next step's first position");
        line($"reg signed [{hw - 1}:0] {name}_hi;   // the partial product's bits from the positions done up");
        line($"reg [{positions - 1}:0] {name}_lo;   // its low bits, shifted in from the top");
        line($"wire signed [{hw - 1}:0] {name}_x = {Signed(x, xWidth, hw)};");
        var h = $"{name}_hi";
        for (var j = 0; j < perStep; j++)
        {
            var at = j == 0 ? $"{name}_at" : $"{name}_at + {pb}'d{j}";
            line($"wire signed [{hw - 1}:0] {name}_t{j} = {h} + ({name}_plus[{at}] ? {name}_x : {name}_minus[{at}] ? -{name}_x : {Literal(0, hw)});");
            line($"wire signed [{hw - 1}:0] {name}_h{j} = {name}_t{j} >>> 1;");
            h = $"{name}_h{j}";
        }
        var lowIn = string.Join(", ", Enumerable.Range(0, perStep).Reverse().Select(j => $"{name}_t{j}[0]"));
        var lowNext = positions == perStep ? $"{{{lowIn}}}" : $"{{{lowIn}, {name}_lo[{positions - 1}:{perStep}]}}";
        line("always @(posedge clk) begin");
        line("    if (rst) begin");
        line($"        {name}_left <= {lb}'d0;");
        line($"    end else if ({start}) begin");
        line($"        {name}_left <= {lb}'d{steps};");
        line($"        {name}_at <= {pb}'d0;");
        line($"        {name}_hi <= {Literal(0, hw)};");
        line($"        {name}_lo <= {positions}'d0;");
        line($"    end else if ({name}_left != {lb}'d0) begin");
        line($"        {name}_left <= {name}_left - {lb}'d1;");
        line($"        {name}_at <= {name}_at + {pb}'d{perStep};");
        line($"        {name}_hi <= {h};");
        line($"        {name}_lo <= {lowNext};");
        line("    end");
        line("end");
        line($"/* verilator lint_off UNUSEDSIGNAL */ // x·c fits {width} signed bits: the bits above are its sign");
        line($"wire signed [{hw + positions - 1}:0] {name}_all = {{{name}_hi, {name}_lo}};");
        line("/* verilator lint_on UNUSEDSIGNAL */");
        line($"wire signed {Range(width)}{name} = {name}_all[{width - 1}:0];");
        return new ConstantProduct.Product(name, width, range);
    }
}
