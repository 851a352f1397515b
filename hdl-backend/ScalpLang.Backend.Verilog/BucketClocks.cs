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
/// <item>a record's 32-bit delta d (a Clock record's too): divmod(d, w) is feed-forward (it depends
/// on the input only), computed from the pins by one compare-and-subtract row per quotient bit in
/// the cycle that registers the record (r - w beside it); at stage 2 the clock moves the phase by
/// the remainder and k by the quotient plus the phase's carry, with no carry chain after another:
/// the carry is the sign of phase + (r - w), k is two 32-bit halves whose low sums with carry 0
/// and 1 are both computed, and the high half takes their carry out a cycle later;</item>
/// <item>a Clock record's 64-bit jump (the tape's start time, gaps over 4.29 s): a restoring divider,
/// one quotient bit a cycle (<see cref="Steps"/> cycles), then (q, r) take the record's divmod
/// registers, are added the same way, and q's high half is added to k's in one more cycle. The
/// module's input contract: after a Clock record, in_valid stays low for <see cref="IdleCycles"/>
/// cycles (a Clock record means nothing happened for 4.29 s or more; both testbenches honour it, the
/// 8-bit narrow top's host leaves the idle byte slots its header states, and simulation checks
/// it).</item>
/// </list>
/// The event's bucket (<c>bc{g}_ev_k</c>) is k after the event's first non-Clock record, as
/// <c>ev_ts</c> is that record's time. The IL's times are longs, never negative (TapeWriter keeps a
/// tape's start at or after 0 and its times in order; a Clock record's jump is below 2^63), so t &lt;=
/// 2^63 - 1 and k &lt;= floor((2^63 - 1) / w): k and every register that holds part of it are
/// <see cref="KBits"/> wide, per clock (40 bits for 15.625 ms, 34 for 1 s, 27 for 112.5 s), not 64;
/// k is exact for every such time, so the windows see the IL's bucket for every event, the first
/// included. Simulation reports a time past 2^63 - 1 ns (the IL's would wrap negative).
/// A constant width that is a power-of-two multiple 2^s·w of another clock's width w is no clock
/// of its own: its k is that clock's k shifted right by s, exact because floor(t / (2^s·w)) =
/// floor(floor(t / w) / 2^s) (the imbalance scalper's 15.625 ms, 31.25 ms and 1 s share one).
/// </summary>
internal sealed class BucketClocks
{
    /// <summary>Cycles of the Clock record's divider: one quotient bit a cycle, so one compare-and-subtract row is the path.</summary>
    public const int Steps = 64;

    /// <summary>
    /// The cycles in_valid stays low after a Clock record (the module's input contract): the
    /// divider's steps, then one to load (q, r), one to add them like a record's divmod, and one to
    /// add q's high half to k's high half.
    /// </summary>
    public const int IdleCycles = Steps + 3;

    /// <summary>
    /// One clock: its width as a Verilog expression, the value when it is a build-time constant, the
    /// least it can be (the value, or a param's lower bound) and the bits of its k; a derived one
    /// reads <paramref name="Base"/>'s k shifted right by <paramref name="Shift"/>.
    /// </summary>
    private sealed record Clock(int Index, string Width, BigInteger? Value, string What, BigInteger Narrowest, int Bits, Clock? Base = null, int Shift = 0);

    /// <summary>The latest time the IL has: its times are longs, never negative.</summary>
    private static readonly BigInteger LatestTime = long.MaxValue;

    /// <summary>
    /// Bits of k = floor(t / w) for every t &lt;= 2^63 - 1 and every width w &gt;= <paramref name="narrowest"/>:
    /// floor((2^63 - 1) / narrowest) needs them, and k is at most that.
    /// </summary>
    private static int KBits(BigInteger narrowest) => Math.Max(1, (int)(LatestTime / narrowest).GetBitLength());

    private readonly List<Clock> _clocks = [];
    /// <summary>By the window's prefix in the module (<c>w{id}</c>).</summary>
    private readonly Dictionary<string, Clock> _byWindow = [];

    public BucketClocks(IrProgram program, IReadOnlyList<bool> used)
    {
        foreach (var w in program.Nodes.OfType<IrWindow>().Where(w => used[w.Id]))
        {
            // A window's buckets are W / 32 wide; an atr's bars B.
            var (width, value, what, narrowest) = w.Kind == IrWindowKind.Atr
                ? (Constant(program, w.Bar!.Value), Raw(program, w.Bar!.Value), "atr bar B", Least(program, w.Bar!.Value))
                : ($"{Constant(program, w.Window)} / 64'd{WindowSection.Buckets}", Raw(program, w.Window) / WindowSection.Buckets, "window W / 32", Least(program, w.Window) / WindowSection.Buckets);
            var key = value is { } v ? v.ToString(CultureInfo.InvariantCulture) : width;
            var clock = _clocks.FirstOrDefault(c => (c.Value is { } cv ? cv.ToString(CultureInfo.InvariantCulture) : c.Width) == key);
            if (clock is null)
            {
                var least = BigInteger.Max(BigInteger.One, narrowest);
                clock = new Clock(_clocks.Count, value is { } known ? $"64'd{known.ToString(CultureInfo.InvariantCulture)}" : width, value, what, least, KBits(least));
                _clocks.Add(clock);
            }
            _byWindow[$"w{w.Id}"] = clock;
        }
        DeriveByShifts();
    }

    /// <summary>
    /// Each constant width that is 2^s times a smaller constant width reads the smallest such clock's
    /// k (a root: its own base would be smaller still and also a power-of-two divisor).
    /// </summary>
    private void DeriveByShifts()
    {
        for (var i = 0; i < _clocks.Count; i++)
        {
            if (_clocks[i].Value is not { } width)
                continue;
            var root = _clocks
                .Where(c => c.Value is { } b && b < width && width % b == 0 && BigInteger.IsPow2(width / b))
                .MinBy(c => c.Value);
            if (root is null)
                continue;
            var shift = (int)BigInteger.Log2(width / root.Value!.Value);
            // floor(k_root / 2^s) <= floor((2^63 - 1) / w): s bits fewer than the root's (at least 1: w <= 2^63 - 1).
            var derived = _clocks[i] with { Base = root, Shift = shift, Bits = root.Bits - shift };
            System.Diagnostics.Debug.Assert(derived.Bits == KBits(width));
            foreach (var window in _byWindow.Where(e => e.Value == _clocks[i]).Select(e => e.Key).ToList())
                _byWindow[window] = derived;
            _clocks[i] = derived;
        }
    }

    public bool Any => _clocks.Count > 0;

    /// <summary>The event's bucket index (<see cref="Bits"/> wide) for the width of the window written as <paramref name="prefix"/> (<c>w{id}</c>).</summary>
    public string EventBucket(string prefix) => $"bc{_byWindow[prefix].Index}_ev_k";

    /// <summary>The bits of the event's bucket index of the window written as <paramref name="prefix"/>: k &lt;= floor((2^63 - 1) / w).</summary>
    public int Bits(string prefix) => _byWindow[prefix].Bits;

    /// <summary>A load-time constant (window, bar) as a 64-bit Verilog expression: a literal or the param.</summary>
    private static string Constant(IrProgram program, IrValue value) => program[value] switch
    {
        IrConst c => $"64'd{c.Raw.ToString(CultureInfo.InvariantCulture)}",
        IrParam p => $"p_{program.Params[p.Index].Name}",
        _ => throw new System.Diagnostics.UnreachableException($"{value} is not a load-time constant"),
    };

    private static BigInteger? Raw(IrProgram program, IrValue value) => program[value] is IrConst c ? c.Raw : null;

    /// <summary>
    /// The least value a load-time constant (window, bar) can have: a literal's own, a param's declared
    /// lower bound (the module's param contract, as RangeAnalysis reads it), else 1 ns (durations are positive).
    /// </summary>
    private static BigInteger Least(IrProgram program, IrValue value) => program[value] switch
    {
        IrConst c => c.Raw,
        IrParam p when program.Params[p.Index].Lower is { } lower && lower > 0 => lower,
        _ => BigInteger.One,
    };

    /// <summary>Writes every clock (after EventSection: it reads r_clock, r_after, ev_open).</summary>
    public void Write(StringBuilder v)
    {
        foreach (var clock in _clocks.Where(c => c.Base is null))
            Write(v, clock);
        foreach (var clock in _clocks.Where(c => c.Base is not null))
            WriteDerived(v, clock);
        if (_clocks.Count > 0)
            WriteTimeContract(v);
    }

    /// <summary>
    /// Every k is sized for t &lt;= 2^63 - 1 (the IL's times are non-negative longs); a later time would
    /// wrap k, and the IL's own time negative. Checked in simulation, as the Clock record's idle cycles.
    /// </summary>
    private static void WriteTimeContract(StringBuilder v) => v.Append("""
        `ifndef SYNTHESIS
        `ifndef FORMAL
            // The time contract, checked in simulation: every bucket index is sized for times up to 2^63 - 1 ns.
            always @(posedge clk) begin
                if (!rst && now_ns[63]) begin
                    $display("ERROR: the tape's time passed 2^63 - 1 ns: the IL's times are non-negative longs, and the bucket clocks' k are sized for them");
                    $finish;
                end
            end
        `endif
        `endif

        """);

    /// <summary>A width 2^s times a root clock's: its k is the root's shifted right by s (floors nest exactly).</summary>
    private static void WriteDerived(StringBuilder v, Clock c)
    {
        var root = c.Base!;
        var width = c.Value!.Value.ToString(CultureInfo.InvariantCulture);
        v.Append(CultureInfo.InvariantCulture, $"    // ---- bucket clock {c.Index} ({c.What}): w = {width} ns = 2^{c.Shift} x bucket clock {root.Index}'s, so k = floor(t / w) is its k >> {c.Shift} ----\n");
        v.Append(CultureInfo.InvariantCulture, $"    wire [{c.Bits - 1}:0] bc{c.Index}_ev_k = bc{root.Index}_ev_k[{root.Bits - 1}:{c.Shift}];   // k <= floor((2^63 - 1) / w): {c.Bits} bits, the root's {root.Bits} less {c.Shift}\n\n");
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
        // The phase and every remainder are below w: as many bits as w needs (64 for a param).
        var phaseBits = c.Value is { } wv ? Math.Max(1, (int)wv.GetBitLength()) : 64;
        var signedBits = phaseBits + 1;   // phase + r - w, in [-w, w): w < 2^phaseBits
        string W(int bits) => c.Value is { } w ? $"{bits}'d{w.ToString(CultureInfo.InvariantCulture)}" : Zero($"{p}_w", 64, bits);

        // divmod(in_delta, w), one row per quotient bit from the top; rows whose w·2^i is past 32 bits never subtract.
        Line("// The record's 32-bit delta as q·w + r, from the pins, registered with the record (feed-forward: no row is in a loop).");
        // (For a param, the rows its least width already puts past 32 bits never subtract either: dropped.)
        var rows = Enumerable.Range(0, 32).Where(i => (c.Narrowest << i) <= uint.MaxValue).Reverse().ToList();
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
        // floor(delta / w) has rows.Count bits, and rows.Count <= min(32, K): 2^32 - 1 <= 2^63 - 1.
        var quotientBits = Math.Min(32, c.Bits);
        var quotient = rows.Count == 0 ? $"{quotientBits}'d0" : Zero($"{{{string.Join(", ", rows.Select(i => $"{p}_q{i}"))}}}", rows.Count, quotientBits);
        var remainderWire = rows.Count == 0 ? $"{p}_x0" : $"{p}_x{rows[^1]}";
        // The remainder is below w: its bits past the phase's are 0.
        string remainder;
        if (phaseBits < 32)
        {
            Line("/* verilator lint_off UNUSEDSIGNAL */ // below w: the bits past the phase's are 0");
            Line($"wire [31:0] {p}_xr = {remainderWire};");
            Line("/* verilator lint_on UNUSEDSIGNAL */");
            remainder = $"{p}_xr[{phaseBits - 1}:0]";
        }
        else
            remainder = Zero(remainderWire, 32, phaseBits);

        // A Clock record's 64-bit jump (price:size): a restoring divider, one row a cycle (its 32-bit
        // delta is an ordinary record's, above); the quotient bits shift in as the dividend's shift out.
        Line($"// A Clock record's 64-bit jump: divided one quotient bit a cycle over {Steps} cycles, then one cycle loads");
        Line($"// (q, r) where a record's divmod goes, one adds it like a record's, one adds q's high half to k's:");
        Line($"// in_valid stays low for CLOCK_IDLE = {IdleCycles} cycles after it (the module's input contract).");
        Line($"reg        {p}_busy;");
        Line($"reg [6:0]  {p}_steps;   // division steps left");
        Line($"reg [63:0] {p}_quo;   // the jump's bits not yet divided (top), then the quotient's (bottom)");
        Line($"reg [{phaseBits - 1}:0] {p}_rest;   // the remainder so far, below w");
        Line($"reg        {p}_load;   // (q, r) go to the record's divmod registers");
        Line($"reg        {p}_apply;   // k and the phase move by them");
        Line($"reg        {p}_hiadd;   // k's high half adds q's");
        Line($"wire [{phaseBits}:0] {p}_u = {{{p}_rest, {p}_quo[63]}};");
        Line($"wire [{phaseBits + 1}:0] {p}_ue = {{1'b0, {p}_u}} - {W(phaseBits + 2)};");
        Line($"wire        {p}_uv = !{p}_ue[{phaseBits + 1}];");
        Line("/* verilator lint_off UNUSEDSIGNAL */ // below w: the top bit is 0");
        Line($"wire [{phaseBits}:0] {p}_un = {p}_uv ? {p}_ue[{phaseBits}:0] : {p}_u;");
        Line("/* verilator lint_on UNUSEDSIGNAL */");

        // k < 2^K (K = c.Bits: t <= 2^63 - 1), held as {hi, lo}: lo the low min(32, K) bits, hi the K - 32
        // above them (none when K <= 32); every sum that builds k is then taken mod 2^K, exact because the
        // true k never reaches 2^K, and each part of it (a delta's or a jump's quotient) is below k's bound too.
        var loBits = quotientBits;
        var hiBits = c.Bits - loBits;
        var hiTop = c.Bits - 1;

        // The step's operands, registered: the record's divmod (or the Clock record's once divided) and r - w.
        Line($"reg [{loBits - 1}:0] {p}_dq;   // floor(delta / w) < 2^{rows.Count}, or the jump's quotient's low {loBits} bits");
        Line($"reg [{phaseBits - 1}:0] {p}_dr;   // delta mod w, or the jump's");
        Line($"reg [{signedBits - 1}:0] {p}_drw;   // dr - w, negative: the phase's carry is one add away");
        // Without a record (and outside the load) the step is (0, 0): k and the phase keep, with no enable on the path.
        Line($"wire [{phaseBits - 1}:0] {p}_r_in = {p}_load ? {p}_rest : in_valid ? {remainder} : {phaseBits}'d0;");
        Line($"wire [{signedBits - 1}:0] {p}_rw_in = {Zero($"{p}_r_in", phaseBits, signedBits)} - {W(signedBits)};");
        Line($"always @(posedge clk) begin {p}_dq <= {p}_load ? {p}_quo[{loBits - 1}:0] : in_valid ? {quotient} : {loBits}'d0; {p}_dr <= {p}_r_in; {p}_drw <= {p}_rw_in; end");

        // k = {hi, lo}: lo's two sums (carry 0 and 1) in parallel; hi takes lo's carry out a cycle later.
        Line("// k and the phase move by (q, r). No chain follows another: the phase's carry is the sign of");
        Line("// phase + (r - w), and selects lo + q or lo + q + 1; their carry out is owed to k's high half");
        Line("// (c_pend) and paid a cycle later, k_hi1 = k_hi + 1 kept beside it; the event's bucket keeps both");
        Line("// high candidates and the carry, so its high half is one select away.");
        Line($"// k <= floor((2^63 - 1) / w) < 2^{c.Bits} (the IL's times are non-negative longs): {c.Bits} bits, {loBits} low and {hiBits} high;");
        Line($"// the sums below are mod 2^{c.Bits}, exact because k never reaches it.");
        Line($"reg [{loBits - 1}:0] {p}_k_lo;   // floor(now_ns / w), low half");
        if (hiBits > 0)
        {
            Line($"reg [{hiBits - 1}:0] {p}_k_hi;   // high half, before c_pend");
            Line($"reg [{hiBits - 1}:0] {p}_k_hi1;   // always k_hi + 1 (mod 2^{hiBits}: read only when k's high half is below 2^{hiBits})");
            Line($"reg        {p}_c_pend;   // the low half's carry out, not yet in k_hi");
        }
        Line($"reg [{phaseBits - 1}:0] {p}_phase;   // now_ns mod w");
        Line($"reg [{loBits - 1}:0] {p}_ev_lo;   // the event's bucket (k at its first non-Clock record, as ev_ts): low half,");
        if (hiBits > 0)
        {
            Line($"reg [{hiBits - 1}:0] {p}_ev_hi0;   // k's high half before that record,");
            Line($"reg [{hiBits - 1}:0] {p}_ev_hi1;   // plus one,");
            Line($"reg        {p}_ev_c;   // and whether that record carried into it");
            Line($"wire [{hiTop}:0] {p}_ev_k = {{{p}_ev_c ? {p}_ev_hi1 : {p}_ev_hi0, {p}_ev_lo}};");
        }
        else
            Line($"wire [{hiTop}:0] {p}_ev_k = {p}_ev_lo;   // k < 2^{c.Bits}: no high half");
        Line("/* verilator lint_off UNUSEDSIGNAL */ // the sign and the bits below w are read");
        Line($"wire [{signedBits - 1}:0] {p}_over = {Zero($"{p}_phase", phaseBits, signedBits)} + {p}_drw;   // phase + r - w");
        Line("/* verilator lint_on UNUSEDSIGNAL */");
        Line($"wire        {p}_carry = !{p}_over[{signedBits - 1}];   // phase + r >= w");
        Line("/* verilator lint_off UNUSEDSIGNAL */ // below 2w: the top bit is past the phase");
        Line($"wire [{phaseBits}:0] {p}_sum = {Zero($"{p}_phase", phaseBits, phaseBits + 1)} + {Zero($"{p}_dr", phaseBits, phaseBits + 1)};");
        Line("/* verilator lint_on UNUSEDSIGNAL */");
        Line($"wire [{phaseBits - 1}:0] {p}_phase_next = {p}_carry ? {p}_over[{phaseBits - 1}:0] : {p}_sum[{phaseBits - 1}:0];");
        if (hiBits > 0)
        {
            Line($"wire [32:0] {p}_lo0 = {{1'b0, {p}_k_lo}} + {{1'b0, {p}_dq}};");
            Line("/* verilator lint_off UNUSEDSIGNAL */ // bit 0 only carries the 1 in");
            Line($"wire [33:0] {p}_lo1 = {{1'b0, {p}_k_lo, 1'b1}} + {{1'b0, {p}_dq, 1'b1}};   // lo + q + 1 in bits 33:1");
            Line("/* verilator lint_on UNUSEDSIGNAL */");
            Line($"wire [31:0] {p}_lo_next = {p}_carry ? {p}_lo1[32:1] : {p}_lo0[31:0];");
            Line($"wire        {p}_lo_out = {p}_carry ? {p}_lo1[33] : {p}_lo0[32];");
            Line($"wire [{hiBits - 1}:0] {p}_hi_now = {p}_c_pend ? {p}_k_hi1 : {p}_k_hi;   // k's high half");
            Line($"wire [{hiBits - 1}:0] {p}_hi_now1 = {p}_c_pend ? {p}_k_hi1 + {hiBits}'d1 : {p}_k_hi1;   // plus one");
            Line("/* verilator lint_off UNUSEDSIGNAL */ // bit 0 only carries the 1 in");
            Line($"wire [{hiBits}:0] {p}_hi_q1 = {{{p}_hi_now, 1'b1}} + {{{p}_quo[{hiTop}:32], 1'b1}};   // hi + q's high half + 1 in bits {hiBits}:1");
            Line("/* verilator lint_on UNUSEDSIGNAL */");
        }
        else
        {
            // k < 2^K <= 2^32: the low half is all of k, and its sums never carry out.
            Line($"wire [{hiTop}:0] {p}_lo0 = {p}_k_lo + {p}_dq;   // below 2^{c.Bits}: no carry out");
            Line("/* verilator lint_off UNUSEDSIGNAL */ // bit 0 only carries the 1 in");
            Line($"wire [{c.Bits}:0] {p}_lo1 = {{{p}_k_lo, 1'b1}} + {{{p}_dq, 1'b1}};   // lo + q + 1 in bits {c.Bits}:1");
            Line("/* verilator lint_on UNUSEDSIGNAL */");
            Line($"wire [{hiTop}:0] {p}_lo_next = {p}_carry ? {p}_lo1[{c.Bits}:1] : {p}_lo0;");
        }
        string High(string text) => hiBits > 0 ? text : "";
        v.Append(CultureInfo.InvariantCulture, $$"""
                always @(posedge clk) begin
                    if (rst) begin
                        {{p}}_busy <= 1'b0;
                        {{p}}_steps <= 7'd0;
                        {{p}}_quo <= 64'd0;
                        {{p}}_rest <= {{phaseBits}}'d0;
                        {{p}}_load <= 1'b0;
                        {{p}}_apply <= 1'b0;
                        {{p}}_hiadd <= 1'b0;
                        {{p}}_k_lo <= {{loBits}}'d0;
                        {{p}}_phase <= {{phaseBits}}'d0;
                        {{p}}_ev_lo <= {{loBits}}'d0;
            {{High($"""
                        {p}_k_hi <= {hiBits}'d0;
                        {p}_k_hi1 <= {hiBits}'d1;
                        {p}_c_pend <= 1'b0;
                        {p}_ev_hi0 <= {hiBits}'d0;
                        {p}_ev_hi1 <= {hiBits}'d1;
                        {p}_ev_c <= 1'b0;

            """)}}        end else begin
                        {{p}}_load <= {{p}}_busy && {{p}}_steps == 7'd1;
                        {{p}}_apply <= {{p}}_load;
                        {{p}}_hiadd <= {{p}}_apply;
                        if (r_valid && r_clock) begin
                            {{p}}_busy <= 1'b1;
                            {{p}}_steps <= 7'd{{Steps}};
                            {{p}}_quo <= {r_price, r_size};
                            {{p}}_rest <= {{phaseBits}}'d0;
                        end else if ({{p}}_busy) begin
                            {{p}}_busy <= {{p}}_steps != 7'd1;
                            {{p}}_steps <= {{p}}_steps - 7'd1;
                            {{p}}_quo <= {{{p}}_quo[62:0], {{p}}_uv};
                            {{p}}_rest <= {{p}}_un[{{phaseBits - 1}}:0];
                        end
                        // Every record's delta moves time (a Clock record's too); (0, 0) between them.
                        {{p}}_k_lo <= {{p}}_lo_next;
                        {{p}}_phase <= {{p}}_phase_next;
            {{High($$"""
                        {{p}}_c_pend <= {{p}}_lo_out;
                        if ({{p}}_hiadd) begin
                            {{p}}_k_hi <= {{p}}_hi_now + {{p}}_quo[{{hiTop}}:32];
                            {{p}}_k_hi1 <= {{p}}_hi_q1[{{hiBits}}:1];
                        end else begin
                            {{p}}_k_hi <= {{p}}_hi_now;
                            {{p}}_k_hi1 <= {{p}}_hi_now1;
                        end

            """)}}            if (r_valid && !r_clock && !r_after && !ev_open) begin
                            {{p}}_ev_lo <= {{p}}_lo_next;
            {{High($"""
                            {p}_ev_hi0 <= {p}_hi_now;
                            {p}_ev_hi1 <= {p}_hi_now1;
                            {p}_ev_c <= {p}_lo_out;

            """)}}            end
                    end
                end
            `ifndef SYNTHESIS
            `ifndef FORMAL
                // The input contract, checked in simulation: no record while a Clock record's jump is divided and added.
                always @(posedge clk) begin
                    if (!rst && r_valid && ({{p}}_busy || {{p}}_load || {{p}}_apply || {{p}}_hiadd)) begin
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
