using static ScalpLang.Backend.Verilog.VerilogText;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// a·b as <see cref="BoothProduct"/>'s radix-4 digits, but added a few a cycle instead of all at once
/// (hdl-backend/README.md, "The evaluation over the interval"): b is loaded into a shift register
/// when <c>start</c> is high, then each cycle adds r digits' rows to the partial product's high part
/// and shifts its two lowest bits a digit into the low part, least significant digit first. a must
/// hold its value from the load until the last step (the caller's contract: nothing a reads changes
/// between the request and the evaluation). After the steps {hi, lo} is the exact product.
///
/// Why exact: with S_i = hi·4^i + lo (lo holding 2i bits) = the sum of the first i digits' rows, a
/// step adds d_i·a to hi and keeps t mod 4 below and floor(t / 4) (an arithmetic shift) above, so
/// S_(i+1) = S_i + d_i·a·4^i. |hi| &lt; 2^aWidth and |d·a| &lt;= 2^aWidth, so hi and t fit aWidth + 2 signed
/// bits. Digits past b's are 0 (b's bits above are 0), so steps x r may pass the digit count.
/// </summary>
internal static class SerialBoothProduct
{
    /// <summary>
    /// Writes the unit: <paramref name="name"/> must be declared by the caller as a wire of
    /// <see cref="BoothProduct.Width"/> signed bits (it is assigned here).
    /// </summary>
    public static void Write(Action<string> line, string name, string a, int aWidth, string b, int bBits, string start, int perStep, int steps)
    {
        var width = BoothProduct.Width(aWidth, bBits);
        var digits = perStep * steps;
        if (digits < BoothProduct.Digits(bBits))
            throw new ArgumentOutOfRangeException(nameof(steps), $"{perStep} digits a step for {steps} steps cover fewer than {BoothProduct.Digits(bBits)} digits");
        var hw = aWidth + 2;
        var low = 2 * digits;
        var yw = low + 1;
        var lb = Math.Max(1, 32 - int.LeadingZeroCount(steps));
        line($"// {name} = {a} * {b} over {steps} cycles after {start}: radix-4 Booth digits of {b} (read as {bBits + 1} bits, the top");
        line($"// one 0), {perStep} a cycle, least significant first (SerialBoothProduct); {a} holds until the last step.");
        line($"reg [{lb - 1}:0]  {name}_left;   // steps still to run");
        line($"reg signed [{hw - 1}:0] {name}_hi;   // the partial product's bits from 2 x (digits added) up");
        line($"reg [{low - 1}:0] {name}_lo;   // its low bits, shifted in from the top");
        line($"reg [{yw - 1}:0] {name}_y;   // b's bits not yet recoded, with a 0 below: y[2:0] is the next digit's");
        line($"wire signed [{hw - 1}:0] {name}_a1 = {Signed(a, aWidth, hw)};");
        line($"wire signed [{hw - 1}:0] {name}_a2 = {name}_a1 <<< 1;");
        var hi = $"{name}_hi";
        for (var j = 0; j < perStep; j++)
        {
            line($"wire [2:0] {name}_d{j} = {name}_y[{2 * j + 2}:{2 * j}];");
            // d = -2 y[2] + y[1] + y[0]: 000/111 -> 0, 001/010 -> a, 011 -> 2a, 100 -> -2a, 101/110 -> -a.
            line($"wire signed [{hw - 1}:0] {name}_row{j} = ({name}_d{j} == 3'b001 || {name}_d{j} == 3'b010) ? {name}_a1 : ({name}_d{j} == 3'b011) ? {name}_a2"
                + $" : ({name}_d{j} == 3'b100) ? -{name}_a2 : ({name}_d{j} == 3'b101 || {name}_d{j} == 3'b110) ? -{name}_a1 : {Literal(0, hw)};");
            line($"wire signed [{hw - 1}:0] {name}_t{j} = {hi} + {name}_row{j};");
            line($"wire signed [{hw - 1}:0] {name}_h{j} = {name}_t{j} >>> 2;");
            hi = $"{name}_h{j}";
        }
        var lowIn = string.Join(", ", Enumerable.Range(0, perStep).Reverse().Select(j => $"{name}_t{j}[1:0]"));
        var lowNext = low == 2 * perStep ? $"{{{lowIn}}}" : $"{{{lowIn}, {name}_lo[{low - 1}:{2 * perStep}]}}";
        var yNext = yw - 2 * perStep <= 0 ? Literal(0, yw) : $"{{{2 * perStep}'d0, {name}_y[{yw - 1}:{2 * perStep}]}}";
        line("always @(posedge clk) begin");
        line("    if (rst) begin");
        line($"        {name}_left <= {lb}'d0;");
        line($"    end else if ({start}) begin");
        line($"        {name}_left <= {lb}'d{steps};");
        line($"        {name}_hi <= {Literal(0, hw)};");
        line($"        {name}_lo <= {low}'d0;");
        line($"        {name}_y <= {Unsigned($"{{{b}, 1'b0}}", bBits + 1, yw)};");
        line($"    end else if ({name}_left != {lb}'d0) begin");
        line($"        {name}_left <= {name}_left - {lb}'d1;");
        line($"        {name}_hi <= {hi};");
        line($"        {name}_lo <= {lowNext};");
        line($"        {name}_y <= {yNext};");
        line("    end");
        line("end");
        line($"/* verilator lint_off UNUSEDSIGNAL */ // |a·b| < 2^{width - 1}: the bits above the product's are its sign");
        line($"wire signed [{hw + low - 1}:0] {name}_all = {{{name}_hi, {name}_lo}};");
        line("/* verilator lint_on UNUSEDSIGNAL */");
        line($"assign {name} = {name}_all[{width - 1}:0];");
    }
}
