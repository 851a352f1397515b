using System.Globalization;
using System.Numerics;
using System.Text;
using ScalpLang.Compiler.Ir;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// The windows' bucket index k = floor(t / w) (grammar/README.md §7) kept without a 64-bit
/// division, one clock per distinct bucket (or atr bar) width w. The module receives time as
/// per-record deltas, so each clock keeps k and the phase now_ns mod w, exactly, as time moves:
/// <list type="bullet">
/// <item>an ordinary record's 32-bit delta d: divmod(d, w) is feed-forward (it depends on the input
/// only), computed from the pins by one compare-and-subtract row per quotient bit in the cycle that
/// registers the record; at stage 2 the clock adds the remainder to the phase with one compare and
/// subtract (the carry) and the quotient plus the carry to k;</item>
/// <item>a Clock record's 64-bit delta (the tape's start time, gaps over 4.29 s): a multi-cycle
/// restoring divider, <see cref="BitsPerStep"/> quotient bits a cycle, then the same add. The
/// module's input contract: after a Clock record, in_valid stays low for
/// <see cref="IdleCycles"/> cycles (a Clock record means nothing happened for seconds; the
/// testbenches honour it, and the 8-bit narrow top spaces records 16 cycles apart anyway).</item>
/// </list>
/// The event's bucket (<c>bc{g}_ev_k</c>) is k after the event's first non-Clock record, as
/// <c>ev_ts</c> is that record's time. k is exact for every time below 2^64 (a tape's times are
/// below 2^63), so the windows see the IL's bucket for every event, the first included.
/// </summary>
internal sealed class BucketClocks
{
    /// <summary>Quotient bits the Clock record's divider produces per cycle.</summary>
    public const int BitsPerStep = 8;

    /// <summary>Cycles of the Clock record's divider: its steps, then one to add the result.</summary>
    public const int Steps = 64 / BitsPerStep;

    /// <summary>The cycles in_valid stays low after a Clock record (the module's input contract).</summary>
    public const int IdleCycles = Steps + 1;

    /// <summary>One clock: its width as a Verilog expression, and the value when it is a build-time constant.</summary>
    private sealed record Clock(int Index, string Width, BigInteger? Value, string What);

    private readonly List<Clock> _clocks = [];
    /// <summary>By the window's prefix in the module (<c>w{id}</c>).</summary>
    private readonly Dictionary<string, Clock> _byWindow = [];

    public BucketClocks(IrProgram program, IReadOnlyList<bool> used)
    {
        foreach (var w in program.Nodes.OfType<IrWindow>().Where(w => used[w.Id]))
        {
            // A window's buckets are W / 32 wide; an atr's bars B.
            var (width, value, what) = w.Kind == IrWindowKind.Atr
                ? (Constant(program, w.Bar!.Value), Raw(program, w.Bar!.Value), "atr bar B")
                : ($"{Constant(program, w.Window)} / 64'd{WindowSection.Buckets}", Raw(program, w.Window) / WindowSection.Buckets, "window W / 32");
            var key = value is { } v ? v.ToString(CultureInfo.InvariantCulture) : width;
            var clock = _clocks.FirstOrDefault(c => (c.Value is { } cv ? cv.ToString(CultureInfo.InvariantCulture) : c.Width) == key);
            if (clock is null)
            {
                clock = new Clock(_clocks.Count, value is { } known ? $"64'd{known.ToString(CultureInfo.InvariantCulture)}" : width, value, what);
                _clocks.Add(clock);
            }
            _byWindow[$"w{w.Id}"] = clock;
        }
    }

    public bool Any => _clocks.Count > 0;

    /// <summary>The event's bucket index (64 bits) for the width of the window written as <paramref name="prefix"/> (<c>w{id}</c>).</summary>
    public string EventBucket(string prefix) => $"bc{_byWindow[prefix].Index}_ev_k";

    /// <summary>A load-time constant (window, bar) as a 64-bit Verilog expression: a literal or the param.</summary>
    private static string Constant(IrProgram program, IrValue value) => program[value] switch
    {
        IrConst c => $"64'd{c.Raw.ToString(CultureInfo.InvariantCulture)}",
        IrParam p => $"p_{program.Params[p.Index].Name}",
        _ => throw new System.Diagnostics.UnreachableException($"{value} is not a load-time constant"),
    };

    private static BigInteger? Raw(IrProgram program, IrValue value) => program[value] is IrConst c ? c.Raw : null;

    /// <summary>Writes every clock (after EventSection: it reads r_clock, r_after, ev_open).</summary>
    public void Write(StringBuilder v)
    {
        foreach (var clock in _clocks)
            Write(v, clock);
    }

    private static void Write(StringBuilder v, Clock c)
    {
        var p = $"bc{c.Index}";
        void Line(string text) => v.Append("    ").Append(text).Append('\n');
        Line($"// ---- bucket clock {c.Index} ({c.What}): k = floor(now_ns / w) and the phase now_ns mod w, without a 64-bit division ----");
        if (c.Value is { } constant)
            Line($"// w = {constant.ToString(CultureInfo.InvariantCulture)} ns");
        else
            Line($"localparam [63:0] {p}_w = {c.Width};   // ns, a param's");
        // The phase is below w: as many bits as w needs (64 for a param).
        var phaseBits = c.Value is { } wv ? Math.Max(1, (int)wv.GetBitLength()) : 64;
        var sumBits = Math.Max(phaseBits, 32) + 1;

        // divmod(in_delta, w), one row per quotient bit from the top; rows whose w·2^i is past 32 bits never subtract.
        Line("// The record's 32-bit delta as q·w + r, from the pins, registered with the record (feed-forward: no row is in a loop).");
        var rows = c.Value is { } known
            ? Enumerable.Range(0, 32).Where(i => (known << i) <= uint.MaxValue).Reverse().ToList()
            : [.. Enumerable.Range(0, 32).Reverse()];
        var top = rows.Count == 0 ? 0 : rows[0] + 1;
        Line($"wire [31:0] {p}_x{top} = in_delta;");
        foreach (var i in rows)
        {
            if (c.Value is { } w)
            {
                var step = (w << i).ToString(CultureInfo.InvariantCulture);
                Line($"wire        {p}_q{i} = {p}_x{i + 1} >= 32'd{step};");
                Line($"wire [31:0] {p}_x{i} = {p}_q{i} ? {p}_x{i + 1} - 32'd{step} : {p}_x{i + 1};");
            }
            else
            {
                // A param width: w·2^i at elaboration, wide enough never to overflow; past 32 bits the row never subtracts.
                Line("/* verilator lint_off UNUSEDPARAM */");
                Line($"localparam [95:0] {p}_s{i} = {{32'd0, {p}_w}} << {i};");
                Line("/* verilator lint_on UNUSEDPARAM */");
                Line($"wire        {p}_q{i} = {{64'd0, {p}_x{i + 1}}} >= {p}_s{i};");
                Line($"wire [31:0] {p}_x{i} = {p}_q{i} ? {p}_x{i + 1} - {p}_s{i}[31:0] : {p}_x{i + 1};");
            }
        }
        var quotientBits = Math.Max(1, rows.Count);
        var quotient = rows.Count == 0 ? "1'b0" : $"{{{string.Join(", ", rows.Select(i => $"{p}_q{i}"))}}}";
        var remainder = rows.Count == 0 ? $"{p}_x0" : $"{p}_x{rows[^1]}";
        Line($"reg [{quotientBits - 1}:0] {p}_dq;   // floor(delta / w)");
        Line($"reg [31:0] {p}_dr;   // delta mod w");
        Line($"always @(posedge clk) begin {p}_dq <= {quotient}; {p}_dr <= {remainder}; end");

        // The Clock record's 64-bit delta: a restoring divider, BitsPerStep rows a cycle.
        Line($"// A Clock record's delta (its 64-bit jump plus its 32-bit delta): divided over {Steps} cycles, added in one more;");
        Line($"// in_valid stays low for CLOCK_IDLE = {IdleCycles} cycles after it (the module's input contract).");
        Line($"reg        {p}_busy;");
        Line($"reg [3:0]  {p}_steps;   // division steps left");
        Line($"reg [63:0] {p}_dividend;   // the jump's bits not yet divided, top first");
        Line($"reg [63:0] {p}_quotient;");
        Line($"reg [{phaseBits - 1}:0] {p}_rest;   // the remainder so far, below w");
        var wide = c.Value is { } wl ? $"{phaseBits + 1}'d{wl.ToString(CultureInfo.InvariantCulture)}" : $"{{1'b0, {p}_w}}";
        var previous = $"{p}_rest";
        for (var j = 0; j < BitsPerStep; j++)
        {
            Line($"wire [{phaseBits}:0] {p}_u{j} = {{{previous}, {p}_dividend[{63 - j}]}};");
            Line($"wire        {p}_v{j} = {p}_u{j} >= {wide};");
            Line("/* verilator lint_off UNUSEDSIGNAL */ // below w: the top bit is 0");
            Line($"wire [{phaseBits}:0] {p}_e{j} = {p}_v{j} ? {p}_u{j} - {wide} : {p}_u{j};");
            Line("/* verilator lint_on UNUSEDSIGNAL */");
            Line($"wire [{phaseBits - 1}:0] {p}_t{j} = {p}_e{j}[{phaseBits - 1}:0];");
            previous = $"{p}_t{j}";
        }
        Line($"wire {p}_apply = {p}_busy && {p}_steps == 4'd0;");

        // k and the phase move by (q, r): the record's delta, or the Clock record's once divided.
        Line($"reg [63:0] {p}_k;   // floor(now_ns / w)");
        Line($"reg [{phaseBits - 1}:0] {p}_phase;   // now_ns mod w");
        Line($"reg [63:0] {p}_ev_k;   // the event's bucket: k at its first non-Clock record (as ev_ts)");
        Line($"wire [63:0] {p}_add_q = {p}_apply ? {p}_quotient : {{{64 - quotientBits}'d0, {p}_dq}};");
        Line($"wire [{sumBits - 1}:0] {p}_add_r = {p}_apply ? {Zero($"{p}_rest", phaseBits, sumBits)} : {Zero($"{p}_dr", 32, sumBits)};");
        Line($"wire [{sumBits - 1}:0] {p}_sum = {Zero($"{p}_phase", phaseBits, sumBits)} + {p}_add_r;   // below 2w");
        var wSum = c.Value is { } ws ? $"{sumBits}'d{ws.ToString(CultureInfo.InvariantCulture)}" : $"{{1'b0, {p}_w}}";
        Line($"wire        {p}_carry = {p}_sum >= {wSum};");
        Line("/* verilator lint_off UNUSEDSIGNAL */ // the phase is below w: the top bits are 0");
        Line($"wire [{sumBits - 1}:0] {p}_wrapped = {p}_carry ? {p}_sum - {wSum} : {p}_sum;");
        Line("/* verilator lint_on UNUSEDSIGNAL */");
        Line($"wire [63:0] {p}_k_next = {p}_k + {p}_add_q + {{63'd0, {p}_carry}};");
        Line($"wire {p}_record = r_valid && !r_clock;");
        v.Append(CultureInfo.InvariantCulture, $$"""
                always @(posedge clk) begin
                    if (rst) begin
                        {{p}}_busy <= 1'b0;
                        {{p}}_steps <= 4'd0;
                        {{p}}_dividend <= 64'd0;
                        {{p}}_quotient <= 64'd0;
                        {{p}}_rest <= {{phaseBits}}'d0;
                        {{p}}_k <= 64'd0;
                        {{p}}_phase <= {{phaseBits}}'d0;
                        {{p}}_ev_k <= 64'd0;
                    end else begin
                        if (r_valid && r_clock) begin
                            {{p}}_busy <= 1'b1;
                            {{p}}_steps <= 4'd{{Steps}};
                            {{p}}_dividend <= {r_price, r_size} + {32'd0, r_delta};
                            {{p}}_quotient <= 64'd0;
                            {{p}}_rest <= {{phaseBits}}'d0;
                        end else if ({{p}}_busy && {{p}}_steps != 4'd0) begin
                            {{p}}_steps <= {{p}}_steps - 4'd1;
                            {{p}}_dividend <= {{{p}}_dividend[{{63 - BitsPerStep}}:0], {{BitsPerStep}}'d0};
                            {{p}}_quotient <= {{{p}}_quotient[{{63 - BitsPerStep}}:0], {{string.Join(", ", Enumerable.Range(0, BitsPerStep).Select(j => $"{p}_v{j}"))}}};
                            {{p}}_rest <= {{previous}};
                        end else if ({{p}}_apply) begin
                            {{p}}_busy <= 1'b0;
                        end
                        if ({{p}}_record || {{p}}_apply) begin
                            {{p}}_k <= {{p}}_k_next;
                            {{p}}_phase <= {{p}}_wrapped[{{phaseBits - 1}}:0];
                        end
                        if ({{p}}_record && !r_after && !ev_open) {{p}}_ev_k <= {{p}}_k_next;
                    end
                end
            `ifndef SYNTHESIS
            `ifndef FORMAL
                // The input contract, checked in simulation: no record while a Clock record's delta is divided.
                always @(posedge clk) begin
                    if (!rst && r_valid && {{p}}_busy) begin
                        $display("ERROR: a tape record came while a Clock record's delta was being divided: in_valid must stay low for CLOCK_IDLE = {{IdleCycles}} cycles after a Clock record");
                        $finish;
                    end
                end
            `endif
            `endif

            """);
    }

    private static string Zero(string name, int from, int to) => from == to ? name : $"{{{to - from}'d0, {name}}}";
}
